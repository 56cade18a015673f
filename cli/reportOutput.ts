import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportRequest } from '../analyzers/app/appApi';
import type { CaseResult } from '../analyzers/ingest/caseResult';
import { writeCaseFile } from '../analyzers/case/caseFile';
import { buildReport } from '../analyzers/report/buildReport';
import { heapSummaryMarkdown } from '../analyzers/report/heapSummaryMarkdown';
import { htmlReport } from '../analyzers/report/htmlReport';
import { jsonReport } from '../analyzers/report/jsonReport';
import { markdownReport } from '../analyzers/report/markdownReport';
import { writeFileAtomic } from '../analyzers/report/writeFileAtomic';
import { htmlToPdf } from './pdf';
import { UsageError } from './usageError';

export const REPORT_FORMATS = ['md', 'html', 'json', 'pdf', 'case'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const DEFAULT_FORMATS: ReportFormat[] = ['md', 'html', 'json'];

export interface RenderedExport {
  data: string | Uint8Array;
  mime: string;
  fileName: string;
}

export function parseReportFormats(value: string | undefined): ReportFormat[] {
  if (value === undefined) return DEFAULT_FORMATS;
  const formats = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length || formats.length === 0) {
    throw new UsageError(`--format takes a comma-separated list of ${REPORT_FORMATS.join(', ')} (got '${value}')`);
  }
  return [...new Set(formats)] as ReportFormat[];
}

/**
 * Renders each requested format of the full report and writes it atomically; returns the paths.
 * PDF goes last: when Chromium is missing, the other reports are already written when it fails.
 */
export async function writeReports(result: CaseResult, formats: ReportFormat[], outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const ordered = [...formats.filter((f) => f !== 'pdf'), ...formats.filter((f) => f === 'pdf')];
  for (const format of ordered) {
    const rendered = await renderReport(result, format, undefined);
    const path = join(outDir, rendered.fileName);
    await writeFileAtomic(path, rendered.data);
    written.push(path);
  }
  return written;
}

/** What the UI's export buttons ask for: the heap summary alone, or the report. */
export async function renderExport(result: CaseResult, request: ExportRequest): Promise<RenderedExport> {
  if (request.content === 'heap-summary') {
    if (!result.views.heap) throw new Error('this case has no heap snapshot to summarize');
    return { data: heapSummaryMarkdown(result.views.heap), mime: 'text/markdown; charset=utf-8', fileName: 'heap-summary.md' };
  }
  return renderReport(result, request.format, request.edits);
}

/** One format of the RCA report (analyzers/report/buildReport.ts); edits come from the UI and are re-validated here. */
export async function renderReport(result: CaseResult, format: ReportFormat, edits: ExportRequest['edits']): Promise<RenderedExport> {
  // Edits were validated where they crossed into the host (parseExportRequest) or read from a case file.
  const chosenEdits = edits ?? result.reportEdits ?? {};
  const report = () => buildReport(result, chosenEdits);
  switch (format) {
    case 'md':
      return { data: markdownReport(report()), mime: 'text/markdown; charset=utf-8', fileName: 'report.md' };
    case 'html':
      return { data: htmlReport(report()), mime: 'text/html; charset=utf-8', fileName: 'report.html' };
    case 'json':
      return { data: jsonReport(report()), mime: 'application/json', fileName: 'report.json' };
    case 'pdf':
      return { data: await htmlToPdf(htmlReport(report())), mime: 'application/pdf', fileName: 'report.pdf' };
    case 'case':
      return { data: await writeCaseFile(result, chosenEdits), mime: 'application/vnd.sqlite3', fileName: 'case.aftermath' };
  }
}
