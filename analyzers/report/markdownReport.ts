import { escapeMarkdown as md, markdownTable } from './markdownText';
import { regressionMarkdown } from './regressionSection';
import { formatEvidence, formatMetric, timelineSource } from './reportFormat';
import { evidenceListed, impactWindowLabel, OOM_DEATHS, type FindingRef, type RcaReport } from './reportModel';
import { formatDuration } from '../core/durationFormat';
import { formatBytes } from '../core/byteFormat';
import { formatNanos } from '../locks/viewText';
import { topStacks } from './reportFlames';
import { formatIsoUtc, formatUtc } from '../core/timeFormat';
import { formatShare, groupDigits } from '../core/numberFormat';

/**
 * The report as Markdown, for git, pull requests and wikis. Every string that came from an input
 * file or from the UI goes through escapeMarkdown: it renders as literal text, links and HTML included.
 */
export function markdownReport(report: RcaReport): string {
  const out: string[] = [];
  const para = (text: string) => text.split(/\n\s*\n/).map((p) => md(p.trim())).filter(Boolean).join('\n\n');
  const ref = (f: FindingRef) => `**${f.severity}** ${md(f.title)} (${md(f.analysis)}, appendix \`${f.key.replace(/`/g, '')}\`)`;

  out.push(`# ${md(report.title)}`, '');
  out.push(`Status: draft · analyzed ${md(formatIsoUtc(report.analyzedAt))} · report schema v${report.schemaVersion}${report.edited.length ? ` · edited: ${report.edited.join(', ')}` : ''}`, '');

  out.push('## Summary', '', para(report.summary), '');
  if (report.regression) out.push(...regressionMarkdown(report.regression));

  const { impact } = report;
  out.push('## Impact', '');
  if (impact.window) out.push(`- ${impactWindowLabel(impact)}: ${formatUtc(impact.window.startMs)}${impact.window.durationMs > 0 ? ` → ${formatUtc(impact.window.endMs)} (${formatDuration(impact.window.durationMs)})` : ''}`);
  if (impact.oomKills) out.push(`- ${OOM_DEATHS}: ${impact.oomKills}`);
  out.push(`- Findings by severity: ${Object.entries(impact.findingsBySeverity).filter(([, c]) => c > 0).map(([s, c]) => `${c} ${s}`).join(', ') || 'none'}`);
  for (const k of impact.keyNumbers) out.push(`- ${md(k.label)}: ${md(formatEvidence(k))}`);
  out.push('');
  if (impact.peaks.length) {
    out.push(markdownTable(['Metric', 'Peak', 'At', 'Lowest', 'At'], impact.peaks.map((p) => [p.name, formatMetric(p.max, p.unit), formatUtc(p.maxAtMs), formatMetric(p.min, p.unit), formatUtc(p.minAtMs)]), [false, true, false, true, false]), '');
  }

  for (const t of report.trends ?? []) out.push(`## ${md(t.title)}`, '', ...t.lines.map((l) => `- ${md(l.text)}`), '');
  for (const f of report.flames ?? []) {
    const format = f.unit === 'bytes' ? formatBytes : formatNanos;
    const share = (v: number) => formatShare(v / f.root.total);
    out.push(`## ${md(f.title)}`, '', 'The heaviest stacks, outermost caller first (library frames left out):', '');
    out.push(...topStacks(f, 5).map((s) => `- ${md(s.frames.join(' › ') || 'all')}: ${format(s.value)} (${share(s.value)})`), '');
  }

  const { detection } = report;
  out.push('## Detection', '');
  out.push(detection.firstAlert ? `- First alert: ${md(detection.firstAlert.title)} at ${formatUtc(detection.firstAlert.atMs)} (${md(detection.firstAlert.source)})` : '- No alert in the evidence.');
  if (detection.timeToDetectMs !== undefined) out.push(`- Time to detect: ${formatDuration(detection.timeToDetectMs)} after the impact began`);
  if (detection.firstDetection) out.push(`- Aftermath detected it first at ${formatUtc(detection.firstDetection.atMs)}: ${md(detection.firstDetection.label)}`);
  out.push('');
  if (detection.detections.length) {
    out.push(markdownTable(['From', 'To', 'Detection', 'Severity'], detection.detections.map((d) => [formatUtc(d.startMs), formatUtc(d.endMs), d.label, d.severity])), '');
  }

  out.push('## Timeline', '');
  if (report.timeline.length === 0) out.push('No input carries time.', '');
  else {
    const rows = report.timeline.map((e) => [
      e.atMs === undefined ? '' : formatUtc(e.atMs) + (e.endMs !== undefined ? ` → ${formatUtc(e.endMs)}` : ''),
      `${e.kind}: ${e.tag}`,
      e.title,
      timelineSource(e),
      e.note,
    ]);
    out.push(markdownTable(['Time (UTC)', 'Type', 'What happened', 'Source', 'Note'], rows), '');
  }
  for (const p of report.timelinePlacement ?? []) out.push(`- ${md(p)}`);
  if (report.timelinePlacement?.length) out.push('');

  out.push(report.rootCauses.length > 1 ? '## Root causes' : '## Root cause', '');
  if (report.rootCauses.length === 0) out.push('The evidence names no root cause.', '');
  report.rootCauses.forEach((c, i) => {
    out.push(`### ${i + 1}. ${md(c.label)}`, '', para(c.statement), '', 'Evidence:', '');
    for (const e of evidenceListed(c, report.contributingFactors)) out.push(`- ${ref(e)}`);
    out.push('');
  });

  out.push('## Contributing factors', '');
  if (report.contributingFactors.length === 0) out.push('None beyond the root cause.');
  for (const f of report.contributingFactors) out.push(`- ${ref(f.finding)}${f.rootCauseKey ? ' — part of the root cause chain' : ''}`);
  out.push('');
  if (report.alsoFound.length) {
    out.push('## Also found', '', 'Too small to have caused this incident; worth a ticket of its own.', '');
    for (const f of report.alsoFound) out.push(`- ${ref(f)}`);
    out.push('');
  }

  out.push('## Five whys', '');
  report.fiveWhys.forEach((w, i) => out.push(`${i + 1}. **${md(w.question)}** ${md(w.answer)}`));
  out.push('');

  out.push('## Action items', '');
  if (report.actionItems.length === 0) out.push('None yet.', '');
  else out.push(markdownTable(['No.', 'Action', 'Owner', 'Priority'], report.actionItems.map((a, i) => [i + 1, a.text, a.owner || '(unassigned)', a.priority])), '');

  out.push('## Appendix: raw numbers', '', '### Inputs', '');
  out.push(markdownTable(['File', 'Format', 'Size (bytes)', 'Complete', 'Notices'], report.appendix.inputs.map((i) => [i.file, i.format, groupDigits(i.sizeBytes), i.complete ? 'yes' : 'NO (partial)', i.notices.map((n) => n.message).join('; ')]), [false, false, true]), '');
  if (report.appendix.failures.length) {
    out.push('### Files that could not be read', '');
    for (const f of report.appendix.failures) out.push(`- ${md(f.message)}`);
    out.push('');
  }
  if (report.appendix.series.length) {
    out.push('### Metric series', '');
    const rows = report.appendix.series.map((s) => [s.name, s.unit, groupDigits(s.points), formatMetric(s.min, s.unit), formatMetric(s.mean, s.unit), formatMetric(s.max, s.unit), s.source]);
    out.push(markdownTable(['Metric', 'Unit', 'Points', 'Min', 'Mean', 'Max', 'Source'], rows, [false, false, true, true, true, true]), '');
  }
  out.push('### Findings', '');
  for (const f of report.appendix.findings) {
    out.push(`#### \`${f.key.replace(/`/g, '')}\` ${md(f.title)}`, '');
    out.push(`${f.severity} · ${f.category} · ${md(f.analysis)} · from ${md(f.sources.join(', '))}${f.window ? ` · ${formatUtc(f.window.startMs)}${f.window.endMs !== undefined ? ` → ${formatUtc(f.window.endMs)}` : ''}` : ''}`, '');
    out.push(md(f.detail), '');
    if (f.evidence.length) out.push(markdownTable(['Evidence', 'Value'], f.evidence.map((e) => [e.label, formatEvidence(e)])), '');
    for (const p of f.paths) {
      out.push(`${md(p.label)}:`, '');
      p.steps.forEach((s, i) => out.push(`${i + 1}. ${md(s)}`));
      out.push('');
    }
    if (f.suggestedFix) out.push(`Suggested fix: ${md(f.suggestedFix)}`, '');
  }
  return out.join('\n');
}
