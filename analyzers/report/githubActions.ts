import { severityRank, type Finding, type Severity } from '../core/finding';
import type { FigureStatus, GateResult } from '../case/saved/regression';
import { markdownTable } from './markdownText';
import { groupDigits, plural } from '../core/numberFormat';
import { regressionMarkdown, regressionSection } from './regressionSection';

/** Workflow-command data: `%`, CR and LF are escaped (GitHub's toolkit does the same). */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Workflow-command properties escape `:` and `,` as well. */
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(level: 'error' | 'warning' | 'notice', message: string, props: { file?: string; title: string }): string {
  const parts = [...(props.file ? [`file=${property(props.file)}`] : []), `title=${property(props.title)}`];
  return `::${level} ${parts.join(',')}::${data(message)}`;
}

const WARNING_TITLES: Partial<Record<FigureStatus, string>> = { noise: 'Within noise', 'not-comparable': 'Not comparable' };

/**
 * Annotations for a gate run: an error per regressed figure, a warning per figure that moved past its
 * limit but within the runs' spread, or that the sides' different load leaves without a verdict
 * (worth a look, not a failure). `file` is the candidate input it was read from, relative as the
 * user gave it.
 */
export function gateAnnotations(gate: GateResult): string[] {
  return regressionSection(gate)
    .rows.filter((r) => r.status === 'regressed' || WARNING_TITLES[r.status])
    .map((r) => command(r.status === 'regressed' ? 'error' : 'warning', r.reason, { file: r.sources[0], title: `${WARNING_TITLES[r.status] ?? 'Regression'}: ${r.label}` }));
}

/** Annotations for `analyze --fail-on`: an error per finding at or above the level, a notice for the rest. */
export function findingAnnotations(findings: readonly Finding[], failOn: Severity | undefined): string[] {
  return findings
    .filter((f) => f.category !== 'input-quality' || f.severity !== 'info')
    .map((f) => command(failOn !== undefined && severityRank(f.severity) >= severityRank(failOn) ? 'error' : 'notice', `${f.detail}\nSuggested fix: ${f.suggestedFix}`, { file: f.sources[0], title: `${f.severity}: ${f.title}` }));
}

/** The step summary of `analyze`: the findings, most severe first, and which of them fail the job. */
export function findingsStepSummary(findings: readonly Finding[], failOn: Severity | undefined): string {
  const sorted = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const failing = failOn === undefined ? [] : sorted.filter((f) => severityRank(f.severity) >= severityRank(failOn));
  return [
    '## Aftermath findings',
    '',
    failOn === undefined ? `${plural(findings.length, 'finding')}.` : `${failing.length ? '**FAIL**' : '**PASS**'} — ${groupDigits(failing.length)} of ${plural(findings.length, 'finding')} at or above ${failOn}.`,
    '',
    markdownTable(['Severity', 'Finding', 'From'], sorted.map((f) => [f.severity, f.title, f.sources.join(', ')])),
    '',
  ].join('\n');
}

/** The step summary of a gate run (GitHub renders `$GITHUB_STEP_SUMMARY` as Markdown on the run page). */
export function gateStepSummary(gate: GateResult): string {
  return `${regressionMarkdown(regressionSection(gate), '##').join('\n')}\n`;
}
