import { formatBytes } from '../core/byteFormat';
import { formatShare, groupDigits, nounFor } from '../core/numberFormat';
import type { FigureStatus, FigureUnit, GateResult, JudgedFigure } from '../case/saved/regression';
import { limitText } from '../gate/limits';
import { formatNanos } from '../locks/viewText';
import { escapeMarkdown as md, markdownTable } from './markdownText';
import type { ReportRegression } from './reportModel';
import { STATUS_WORDS } from './reportFormat';

export function formatFigure(value: number, unit: FigureUnit): string {
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'bytes/h':
      return `${formatBytes(value)}/h`;
    case 'ns':
      return formatNanos(value);
    case 'ns/s':
      return `${formatNanos(value)}/s`;
    case 'ns/op':
      return `${formatNanos(value)}/op`;
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Number(value.toPrecision(3))} ms`;
    case '%':
      // Error rates are compared in points to three digits (`−0.00583 points`): a value rounded as
      // formatPercent rounds one would show 1.25 → 1.24 % as 1.3 → 1.2 % beside that change.
      return `${Number(value.toPrecision(3))} %`;
    case 'req/s':
      return `${groupDigits(value)} req/s`;
    case 'objects':
      return `${groupDigits(Math.round(value))} objects`;
  }
}

function changeText(f: JudgedFigure): string {
  if (f.limitKey === 'errors') return `${f.worseBy > 0 ? '+' : f.worseBy < 0 ? '−' : '±'}${Number(Math.abs(f.worseBy).toPrecision(3))} ${nounFor(Math.abs(f.worseBy), 'point')}`;
  if (!Number.isFinite(f.worseBy)) return 'new';
  const change = formatShare(Math.abs(f.worseBy));
  return f.worseBy > 0 ? `${change} worse` : f.worseBy < 0 ? `${change} better` : 'same';
}


/** One compared figure as the report and the step summary word it. */
function regressionRow(f: JudgedFigure): ReportRegression['rows'][number] {
  return {
    id: f.id,
    label: f.label,
    status: f.status,
    baseline: formatFigure(f.baselineMean, f.unit) + (f.baseline.length > 1 ? ` (mean of ${f.baseline.length})` : ''),
    candidate: formatFigure(f.candidateMean, f.unit) + (f.candidate.length > 1 ? ` (mean of ${f.candidate.length})` : ''),
    change: changeText(f),
    limit: limitText(f.limitKey, f.limit),
    reason: f.reason,
    sources: f.candidateSources,
  };
}

const STATUS_ORDER: Record<FigureStatus, number> = { regressed: 0, noise: 1, 'not-comparable': 2, improved: 3, 'within-limit': 4 };

/** Regressions first, then what moved most. */
export function regressionSection(gate: GateResult): ReportRegression {
  const rows = [...gate.figures].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Math.abs(b.worseBy) - Math.abs(a.worseBy)).map(regressionRow);
  return { verdict: gate.verdict, test: gate.testDescription, baselineFiles: gate.baselineFiles, candidateFiles: gate.candidateFiles, rows };
}

/** The section as Markdown: the report's "Regression" part and the GitHub step summary. */
export function regressionMarkdown(section: ReportRegression, heading = '##'): string[] {
  const regressed = section.rows.filter((r) => r.status === 'regressed');
  return [
    `${heading} Regression against the baseline`,
    '',
    section.verdict === 'fail'
      ? `**FAIL** — ${regressed.length} of ${section.rows.length} compared figures regressed past their limit.`
      : `**PASS** — none of ${section.rows.length} compared figures regressed past its limit.`,
    '',
    `Baseline: ${md(section.baselineFiles.join(', '))}. Candidate: ${md(section.candidateFiles.join(', '))}.`,
    '',
    md(section.test),
    '',
    markdownTable(
      ['Figure', 'Baseline', 'Candidate', 'Change', 'Limit', 'Verdict'],
      section.rows.map((r) => [r.label, r.baseline, r.candidate, r.change, r.limit, STATUS_WORDS[r.status]]),
      [false, true, true, true, true, false],
    ),
    '',
  ];
}
