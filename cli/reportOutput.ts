import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult } from '../analyzers/ingest/caseResult';
import { writeFileAtomic } from '../analyzers/report/writeFileAtomic';
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

/** Renders each requested format and writes it atomically; returns the written paths. */
export async function writeReports(result: CaseResult, formats: ReportFormat[], outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const format of formats) {
    const path = join(outDir, format === 'case' ? 'case.aftermath' : `report.${format}`);
    await writeFileAtomic(path, await render(result, format));
    written.push(path);
  }
  return written;
}

async function render(result: CaseResult, format: ReportFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return JSON.stringify(result, null, 2);
    default:
      return `# Aftermath report\n\n${result.findings.map((f) => `- ${f.severity}: ${f.title}`).join('\n')}\n`;
  }
}
