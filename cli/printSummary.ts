import { formatBytes } from '../analyzers/core/byteFormat';
import { severityRank } from '../analyzers/core/finding';
import type { CaseResult } from '../analyzers/case/caseResult';
import { plural } from '../analyzers/core/numberFormat';

const MAX_FINDINGS = 10;

/** The short terminal summary: what was read, and the most severe findings first. */
export function printSummary(result: CaseResult, out: NodeJS.WritableStream): void {
  const lines: string[] = [];
  for (const input of result.inputs) {
    const state = input.complete ? '' : '  [INCOMPLETE]';
    lines.push(`  ${input.file}  ${input.formatLabel}  ${formatBytes(input.sizeBytes)}${state}`);
    for (const n of input.notices) lines.push(`    note: ${n.message}`);
  }
  lines.unshift(`Analyzed ${plural(result.inputs.length, 'file')}:`);
  const sorted = [...result.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  lines.push('', `${plural(result.findings.length, 'finding')}${sorted.length > MAX_FINDINGS ? `, top ${MAX_FINDINGS}` : ''}:`);
  for (const f of sorted.slice(0, MAX_FINDINGS)) lines.push(`  [${f.severity.toUpperCase()}] ${f.title}`);
  out.write(`${lines.join('\n')}\n`);
}
