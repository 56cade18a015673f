import { AnalysisHost } from './analysisHost';
import { analyzeIn, caseOptionsFromFlags, type AnalyzeOptions } from './analyzeCommand';
import { UsageError } from './usageError';
import type { CaseQueryRows } from '../analyzers/case/queryRows';

const OUTPUTS = ['table', 'csv', 'json'] as const;
type QueryOutput = (typeof OUTPUTS)[number];

/**
 * `aftermath query <files…> --sql "SELECT …"`: the SQL console's tables from the command line, over a
 * saved case or over evidence analyzed on the spot. The query runs in the analysis child, so a
 * runaway query is stopped there like in the app.
 */
export async function runQueryCommand(files: string[], flags: AnalyzeOptions & { sql?: string; output?: string }): Promise<number> {
  if (files.length === 0) throw new UsageError('query needs a case file or evidence files');
  if (!flags.sql) throw new UsageError('query needs --sql "SELECT …" (tables: findings, evidence, evidence_paths, inputs, views …)');
  const output = (flags.output ?? 'table') as QueryOutput;
  if (!OUTPUTS.includes(output)) throw new UsageError(`--output takes one of ${OUTPUTS.join(', ')} (got '${flags.output}')`);
  const host = new AnalysisHost();
  try {
    const result = await analyzeIn(host, files, true, caseOptionsFromFlags(flags));
    if (!result) return 2;
    for (const f of result.failures) process.stderr.write(`aftermath: ${f.message}\n`);
    if (result.failures.length > 0) return 2;
    const answer = await host.query('cli', result, flags.sql);
    if (answer.status === 'error') {
      process.stderr.write(`aftermath: ${answer.message}\n`);
      return 2;
    }
    process.stdout.write(render(answer, output));
    if (answer.truncated) process.stderr.write(`aftermath: only the first ${answer.rows.length} rows are shown\n`);
    return 0;
  } finally {
    host.dispose();
  }
}

function render(rows: CaseQueryRows, output: QueryOutput): string {
  if (output === 'json') return `${JSON.stringify(rows.rows.map((r) => Object.fromEntries(rows.columns.map((c, i) => [c, r[i]]))), null, 2)}\n`;
  if (output === 'csv') return [rows.columns, ...rows.rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  const text = [rows.columns, ...rows.rows.map((r) => r.map((v) => (v === null ? 'NULL' : String(v))))];
  const widths = rows.columns.map((_, i) => Math.min(60, Math.max(...text.map((r) => String(r[i]).length))));
  const line = (r: (string | number | null)[]) => r.map((v, i) => String(v).slice(0, widths[i]).padEnd(widths[i])).join('  ').trimEnd();
  return [line(text[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n') + '\n';
}

/** RFC 4180: quote when the value holds a comma, quote or newline; a leading = + - @ is quoted too (spreadsheets run formulas). */
function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]|^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
