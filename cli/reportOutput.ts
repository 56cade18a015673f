import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportRequest } from '../analyzers/app/appApi';
import type { CaseResult } from '../analyzers/ingest/caseResult';
import { heapSummaryMarkdown } from '../analyzers/report/heapSummaryMarkdown';
import { writeFileAtomic } from '../analyzers/report/writeFileAtomic';
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

/** Renders each requested format of the full report and writes it atomically; returns the paths. */
export async function writeReports(result: CaseResult, formats: ReportFormat[], outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const format of formats) {
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

async function renderReport(result: CaseResult, format: ReportFormat, _edits: ExportRequest['edits']): Promise<RenderedExport> {
  switch (format) {
    case 'json':
      return { data: JSON.stringify(result, null, 2), mime: 'application/json', fileName: 'report.json' };
    default:
      return {
        data: result.views.heap ? heapSummaryMarkdown(result.views.heap) : '# Aftermath report\n',
        mime: 'text/markdown; charset=utf-8',
        fileName: `report.${format}`,
      };
  }
}
