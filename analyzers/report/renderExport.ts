import { FORMAT_EXTENSIONS, type ExportFormat, type ExportSpec } from './exportFormats';
import type { ReportEdits } from '../case/reportEdits';
import { exportFileName } from './exportFileName';
import { writeCaseFile } from '../case/caseFile';
import type { CaseResult } from '../case/caseResult';
import { buildReport } from './buildReport';
import { heapSummaryMarkdown } from './heapSummaryMarkdown';
import { htmlReport } from './htmlReport';
import { jsonReport } from './jsonReport';
import { markdownReport } from './markdownReport';

export interface RenderedExport {
  data: string | Uint8Array;
  mime: string;
  fileName: string;
}

/** What renders without a browser; PDF is the HTML printed by each host's own Chromium. */
export type DocumentFormat = Exclude<ExportFormat, 'pdf'>;

/** An export request for one of those formats. */
export type DocumentExportRequest = Omit<ExportSpec, 'format'> & { format: DocumentFormat };

/** What the UI's export buttons ask for: the heap summary alone, or the report (or the whole case). */
export async function renderExport(result: CaseResult, request: DocumentExportRequest): Promise<RenderedExport> {
  if (request.content === 'heap-summary') {
    if (!result.views.heap) throw new Error('this case has no heap snapshot to summarize');
    const title = buildReport(result, request.edits ?? result.reportEdits ?? {}).title;
    return { data: heapSummaryMarkdown(result.views.heap), mime: 'text/markdown; charset=utf-8', fileName: exportFileName(`${title} heap summary`, 'md', 'heap-summary') };
  }
  return renderReport(result, request.format, request.edits);
}

/**
 * One format of the RCA report (buildReport.ts). Edits were validated where they crossed into the
 * host (parseExportRequest) or read from a case file; without any, those saved in the case apply.
 */
async function renderReport(result: CaseResult, format: DocumentFormat, edits: ReportEdits | undefined): Promise<RenderedExport> {
  const chosenEdits = edits ?? result.reportEdits ?? {};
  const report = buildReport(result, chosenEdits);
  // Named for the case (its title, as edited), so that exports of several incidents do not all land as report.md.
  const fileName = exportFileName(report.title, FORMAT_EXTENSIONS[format], format === 'case' ? 'case' : 'report');
  switch (format) {
    case 'md':
      return { data: markdownReport(report), mime: 'text/markdown; charset=utf-8', fileName };
    case 'html':
      return { data: htmlReport(report), mime: 'text/html; charset=utf-8', fileName };
    case 'json':
      return { data: jsonReport(report), mime: 'application/json', fileName };
    case 'case':
      return { data: await writeCaseFile(result, chosenEdits), mime: 'application/vnd.sqlite3', fileName };
  }
}
