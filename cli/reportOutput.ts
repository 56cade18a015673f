import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult } from '../analyzers/case/caseResult';
import { renderExportWith } from '../analyzers/app/node/exportRendering';
import { renderExport } from '../analyzers/report/renderExport';
import { writeFileAtomic } from '../analyzers/report/writeFileAtomic';
import { htmlToPdf } from './pdf';
import { UsageError } from './usageError';
import { EXPORT_FORMATS, FORMAT_EXTENSIONS, type ExportFormat } from '../analyzers/report/exportFormats';

const DEFAULT_FORMATS: ExportFormat[] = ['md', 'html', 'json'];

export function parseReportFormats(value: string | undefined): ExportFormat[] {
  if (value === undefined) return DEFAULT_FORMATS;
  const formats = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length || formats.length === 0) {
    throw new UsageError(`--format takes a comma-separated list of ${EXPORT_FORMATS.join(', ')} (got '${value}')`);
  }
  return [...new Set(formats)] as ExportFormat[];
}

/**
 * Renders each requested format of the full report and writes it atomically; returns the paths.
 * PDF goes last: when Chromium is missing, the other reports are already written when it fails.
 */
export async function writeReports(result: CaseResult, formats: ExportFormat[], outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const ordered = [...formats.filter((f) => f !== 'pdf'), ...formats.filter((f) => f === 'pdf')];
  for (const format of ordered) {
    // In this process: `aftermath analyze` is one-shot, there is nothing to keep responsive.
    const rendered = await renderExportWith({ jobId: 'analyze', format, content: 'report' }, { document: (r) => renderExport(result, r), printPdf: (html) => htmlToPdf(html) });
    // Fixed names in the output folder, which CI scripts and the README rely on; the UI names exports after the case.
    const path = join(outDir, format === 'case' ? 'case.aftermath' : `report.${FORMAT_EXTENSIONS[format]}`);
    await writeFileAtomic(path, rendered.data);
    written.push(path);
  }
  return written;
}
