import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportRequest } from '../analyzers/app/appApi';
import type { CaseResult } from '../analyzers/ingest/caseResult';
import { renderExportWith } from '../analyzers/app/exportRendering';
import { renderExport, type RenderedExport } from '../analyzers/report/renderExport';
import { writeFileAtomic } from '../analyzers/report/writeFileAtomic';
import { htmlToPdf } from './pdf';
import { UsageError } from './usageError';

export const REPORT_FORMATS = ['md', 'html', 'json', 'pdf', 'case'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const DEFAULT_FORMATS: ReportFormat[] = ['md', 'html', 'json'];


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

/** One format of the RCA report, rendered in this process (`aftermath analyze`: nothing to keep responsive), PDF included. */
export function renderReport(result: CaseResult, format: ReportFormat, edits: ExportRequest['edits']): Promise<RenderedExport> {
  const request: ExportRequest = { jobId: 'analyze', format, content: 'report', edits };
  return renderExportWith(request, { document: (r) => renderExport(result, r), printPdf: (html) => htmlToPdf(html) });
}
