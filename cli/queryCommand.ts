import { AnalysisHost } from './analysisHost';
import { analyzeIn, caseOptionsFromFlags, type AnalyzeOptions } from './analyzeCommand';
import { UsageError } from './usageError';
import { plural } from '../analyzers/core/numberFormat';
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
    const answer = await host.query('cli', result, flags.sql, output !== 'table');
    if (answer.status === 'error') {
      process.stderr.write(`aftermath: ${answer.message}\n`);
      return 2;
    }
    const table = output === 'table' ? renderTable(answer) : undefined;
    process.stdout.write(output === 'table' ? (table?.text ?? '') : render(answer, output));
    if (answer.truncated) process.stderr.write(`aftermath: only the first ${plural(answer.rows.length, 'row')} are shown; --output json or csv gives them all\n`);
    if (answer.cutValues || table?.cutCells) process.stderr.write('aftermath: long values are cut in the table; --output json or csv gives them whole\n');
    return 0;
  } finally {
    host.dispose();
  }
}

/** Machine output: every row, every value whole. */
function render(rows: CaseQueryRows, output: 'json' | 'csv'): string {
  if (output === 'json') return `${JSON.stringify(rows.rows.map((r) => Object.fromEntries(rows.columns.map((c, i) => [c, r[i]]))), null, 2)}\n`;
  return [rows.columns, ...rows.rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

const TABLE_CELL_CHARS = 60;

/** A table for a terminal: columns at most 60 characters wide, and a count of the cells that did not fit. */
function renderTable(rows: CaseQueryRows): { text: string; cutCells: number } {
  const text = [rows.columns, ...rows.rows.map((r) => r.map((v) => (v === null ? 'NULL' : String(v))))];
  const widths = rows.columns.map((_, i) => Math.min(TABLE_CELL_CHARS, Math.max(...text.map((r) => String(r[i]).length))));
  const cutCells = text.slice(1).reduce((n, r) => n + r.filter((v) => String(v).length > TABLE_CELL_CHARS).length, 0);
  const line = (r: (string | number | null)[]) => r.map((v, i) => String(v).slice(0, widths[i]).padEnd(widths[i])).join('  ').trimEnd();
  return { text: [line(text[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n') + '\n', cutCells };
}

/** RFC 4180: quote when the value holds a comma, quote or newline; a leading = + - @ is quoted too (spreadsheets run formulas). */
function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]|^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
