import type { Severity } from '../core/finding';
import { chartGeometry, MARKER_COLORS, SEVERITY_COLORS } from './chartGeometry';
import { HTML_REPORT_CSS } from './htmlReportStyle';
import { anchorId, escapeHtml as esc } from './htmlText';
import { formatEvidence, formatMetric, timelineSource } from './reportFormat';
import { evidenceListed, impactWindowLabel, OOM_DEATHS, type FindingRef, type RcaReport, type ReportCharts, type ReportFlame, type ReportRegression, type ReportTrendChart } from './reportModel';
import { STATUS_WORDS } from './reportFormat';
import { svgChart } from './svgChart';
import { svgTrendChart } from './svgTrendChart';
import { ICICLE_LEGEND } from './icicleGeometry';
import { svgIcicle } from './svgIcicle';
import { formatDuration } from '../core/durationFormat';
import { formatIsoUtc, formatUtc } from '../core/timeFormat';
import { groupDigits } from '../core/numberFormat';

/** Markup this module built itself from escaped parts; plain strings and numbers are always escaped. */
interface Html {
  html: string;
}
type Cell = string | number | Html;

const raw = (html: string): Html => ({ html });
/** A UTC time that never wraps inside a table cell. */
const when = (ms: number, endMs?: number): Html =>
  raw(`<time>${esc(formatUtc(ms))}</time>${endMs === undefined ? '' : ` → <time>${esc(formatUtc(endMs))}</time>`}`);
const cell = (c: Cell): string => (typeof c === 'object' ? c.html : esc(String(c)));

/**
 * No script, no network: the policy makes that a property of the file, not just of this code, so
 * even a missed escape could not run anything when the report is opened.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The report as one self-contained HTML file: inline CSS, charts as inline SVG, prints on A4. */
export function htmlReport(report: RcaReport): string {
  const body: string[] = [];
  body.push(`<h1>${esc(report.title)}</h1>`);
  body.push(
    `<p class="meta">Status: draft · analyzed ${esc(formatIsoUtc(report.analyzedAt))} · report schema v${report.schemaVersion}${report.edited.length ? ` · edited: ${esc(report.edited.join(', '))}` : ''}</p>`,
  );
  body.push('<h2>Summary</h2>', paragraphs(report.summary));
  if (report.regression) body.push(regressionHtml(report.regression));
  body.push(impactSection(report));
  if (report.charts) body.push(chartsSection(report.charts));
  if (report.trends) body.push(trendsSection(report.trends));
  if (report.flames) body.push(flamesSection(report.flames));
  body.push(detectionSection(report));
  body.push(timelineSection(report));
  body.push(rootCauseSection(report));
  body.push('<h2>Contributing factors</h2>');
  body.push(
    report.contributingFactors.length === 0
      ? '<p>None beyond the root cause.</p>'
      : `<ul>${report.contributingFactors.map((f) => `<li>${findingLink(f.finding)}${f.rootCauseKey ? ' <span class="muted">— part of the root cause chain</span>' : ''}</li>`).join('')}</ul>`,
  );
  if (report.alsoFound.length) {
    body.push('<h2>Also found</h2>', '<p class="muted">Too small to have caused this incident; worth a ticket of its own.</p>');
    body.push(`<ul>${report.alsoFound.map((f) => `<li>${findingLink(f)}</li>`).join('')}</ul>`);
  }
  body.push('<h2>Five whys</h2>', `<dl class="whys">${report.fiveWhys.map((w, i) => `<dt>${i + 1}. ${esc(w.question)}</dt><dd>${esc(w.answer)}</dd>`).join('')}</dl>`);
  body.push('<h2>Action items</h2>');
  body.push(
    report.actionItems.length === 0
      ? '<p>None yet.</p>'
      : table(['No.', 'Action', 'Owner', 'Priority'], report.actionItems.map((a, i) => [i + 1, a.text, a.owner || '(unassigned)', a.priority]), [true]),
  );
  body.push(appendixSection(report));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Aftermath (report schema v${report.schemaVersion})">`,
    `<title>${esc(report.title)}</title>`,
    `<style>${HTML_REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const badge = (s: Severity) => `<span class="badge sev-${s}">${esc(s)}</span>`;
const findingLink = (f: FindingRef) => `${badge(f.severity)} <a href="#${esc(anchorId(f.key))}">${esc(f.title)}</a> <span class="muted">(${esc(f.analysis)})</span>`;

function table(headers: string[], rows: Cell[][], numeric: boolean[] = []): string {
  const cls = (i: number) => (numeric[i] ? ' class="num"' : '');
  return `<table><thead><tr>${headers.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${cell(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function regressionHtml(r: ReportRegression): string {
  const regressed = r.rows.filter((row) => row.status === 'regressed').length;
  const verdict = r.verdict === 'fail' ? `<strong>FAIL</strong> — ${regressed} of ${r.rows.length} compared figures regressed past their limit.` : `<strong>PASS</strong> — none of ${r.rows.length} compared figures regressed past its limit.`;
  const rows = r.rows.map((row): Cell[] => [row.label, row.baseline, row.candidate, row.change, row.limit, STATUS_WORDS[row.status]]);
  return (
    `<h2>Regression against the baseline</h2><p>${verdict}</p>` +
    `<p class="muted">Baseline: ${esc(r.baselineFiles.join(', '))}. Candidate: ${esc(r.candidateFiles.join(', '))}.</p><p>${esc(r.test)}</p>` +
    table(['Figure', 'Baseline', 'Candidate', 'Change', 'Limit', 'Verdict'], rows, [false, true, true, true, true, false])
  );
}

function impactSection(report: RcaReport): string {
  const { impact } = report;
  const items: string[] = [];
  if (impact.window) items.push(`${esc(impactWindowLabel(impact))}: ${esc(formatUtc(impact.window.startMs))}${impact.window.durationMs > 0 ? ` → ${esc(formatUtc(impact.window.endMs))} (<strong>${esc(formatDuration(impact.window.durationMs))}</strong>)` : ''}`);
  if (impact.oomKills) items.push(`${esc(OOM_DEATHS)}: <strong>${impact.oomKills}</strong>`);
  const counts = Object.entries(impact.findingsBySeverity).filter(([, c]) => c > 0);
  items.push(`Findings by severity: ${counts.length ? counts.map(([s, c]) => `${c} ${badge(s as Severity)}`).join(' ') : 'none'}`);
  for (const k of impact.keyNumbers) items.push(`${esc(k.label)}: <strong>${esc(formatEvidence(k))}</strong>`);
  const peaks = impact.peaks.length
    ? table(['Metric', 'Peak', 'At', 'Lowest', 'At'], impact.peaks.map((p) => [p.name, formatMetric(p.max, p.unit), when(p.maxAtMs), formatMetric(p.min, p.unit), when(p.minAtMs)]), [false, true, false, true])
    : '';
  return `<h2>Impact</h2><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>${peaks}`;
}

function chartsSection(charts: ReportCharts): string {
  const kinds = [...new Set(charts.markers.map((m) => m.kind))];
  const severities = [...new Set(charts.bands.map((b) => b.severity))];
  const legend = [
    ...kinds.map((k) => `<span><span class="swatch" style="background:${MARKER_COLORS[k]}"></span>${esc(k)}</span>`),
    ...severities.map((s) => `<span><span class="swatch" style="background:${SEVERITY_COLORS[s]};opacity:.4"></span>${esc(s)} detection</span>`),
  ].join('');
  const figures = charts.charts.map((c) => {
    const title = `${c.title}${c.unit ? ` (${c.unit})` : ''}`;
    return `<figure class="chart-box"><figcaption>${esc(title)}</figcaption>${svgChart(chartGeometry(c, charts), title)}</figure>`;
  });
  return `<h2>Metrics</h2><p class="legend">${legend}</p><div class="charts">${figures.join('')}</div>`;
}

function detectionSection(report: RcaReport): string {
  const { detection } = report;
  const items: string[] = [];
  items.push(
    detection.firstAlert
      ? `First alert: <strong>${esc(detection.firstAlert.title)}</strong> at ${esc(formatUtc(detection.firstAlert.atMs))} <span class="muted">(${esc(detection.firstAlert.source)})</span>`
      : 'No alert in the evidence.',
  );
  if (detection.timeToDetectMs !== undefined) items.push(`Time to detect: <strong>${esc(formatDuration(detection.timeToDetectMs))}</strong> after the impact began`);
  if (detection.firstDetection) items.push(`Aftermath detected it first at ${esc(formatUtc(detection.firstDetection.atMs))}: ${esc(detection.firstDetection.label)}`);
  const rows = detection.detections.map((d) => [when(d.startMs), when(d.endMs), d.findingKey ? raw(`<a href="#${esc(anchorId(d.findingKey))}">${esc(d.label)}</a>`) : d.label, raw(badge(d.severity))]);
  return `<h2>Detection</h2><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>${rows.length ? table(['From', 'To', 'Detection', 'Severity'], rows) : ''}`;
}

function timelineSection(report: RcaReport): string {
  if (report.timeline.length === 0) return '<h2>Timeline</h2><p>No input carries time.</p>';
  const rows = report.timeline.map((e) => [
    e.atMs === undefined ? '' : when(e.atMs, e.endMs),
    `${e.kind}: ${e.tag}`,
    e.findingKey ? raw(`<a href="#${esc(anchorId(e.findingKey))}">${esc(e.title)}</a>`) : e.title,
    timelineSource(e),
    e.note,
  ]);
  const placement = report.timelinePlacement?.length ? `<ul class="muted">${report.timelinePlacement.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : '';
  return `<h2>Timeline</h2>${table(['Time (UTC)', 'Type', 'What happened', 'Source', 'Note'], rows)}${placement}`;
}

function rootCauseSection(report: RcaReport): string {
  const heading = `<h2>${report.rootCauses.length > 1 ? 'Root causes' : 'Root cause'}</h2>`;
  if (report.rootCauses.length === 0) return `${heading}<p>The evidence names no root cause.</p>`;
  const causes = report.rootCauses.map(
    (c, i) =>
      `<div class="cause"><h3>${i + 1}. ${esc(c.label)}</h3>${paragraphs(c.statement)}<p>Evidence from ${esc(c.analyses.join(', '))}:</p><ul>${evidenceListed(c, report.contributingFactors)
        .map((e) => `<li>${findingLink(e)}</li>`)
        .join('')}</ul></div>`,
  );
  return heading + causes.join('');
}

function appendixSection(report: RcaReport): string {
  const { appendix } = report;
  const parts: string[] = ['<h2>Appendix: raw numbers</h2>', '<h3>Inputs</h3>'];
  parts.push(
    table(['File', 'Format', 'Size (bytes)', 'Complete', 'Notices'], appendix.inputs.map((i) => [i.file, i.format, groupDigits(i.sizeBytes), i.complete ? 'yes' : 'NO (partial)', i.notices.map((n) => n.message).join('; ')]), [false, false, true]),
  );
  if (appendix.failures.length) parts.push('<h3>Files that could not be read</h3>', `<ul>${appendix.failures.map((f) => `<li>${esc(f.message)}</li>`).join('')}</ul>`);
  if (appendix.series.length) {
    parts.push(
      '<h3>Metric series</h3>',
      table(
        ['Metric', 'Unit', 'Points', 'Min', 'Mean', 'Max', 'Source'],
        appendix.series.map((s) => [s.name, s.unit, groupDigits(s.points), formatMetric(s.min, s.unit), formatMetric(s.mean, s.unit), formatMetric(s.max, s.unit), s.source]),
        [false, false, true, true, true, true],
      ),
    );
  }
  parts.push('<h3>Findings</h3>');
  for (const f of appendix.findings) {
    const period = f.window ? ` · ${esc(formatUtc(f.window.startMs))}${f.window.endMs !== undefined ? ` → ${esc(formatUtc(f.window.endMs))}` : ''}` : '';
    parts.push(`<section class="finding" id="${esc(anchorId(f.key))}"><h4>${badge(f.severity)} ${esc(f.title)}</h4>`);
    parts.push(`<p class="muted"><code>${esc(f.key)}</code> · ${esc(f.category)} · ${esc(f.analysis)} · from ${esc(f.sources.join(', '))}${period}</p>`);
    parts.push(paragraphs(f.detail));
    if (f.evidence.length) parts.push(table(['Evidence', 'Value'], f.evidence.map((e) => [e.label, formatEvidence(e)])));
    for (const p of f.paths) parts.push(`<p>${esc(p.label)}:</p><ol class="path">${p.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>`);
    if (f.suggestedFix) parts.push(`<p><strong>Suggested fix:</strong> ${esc(f.suggestedFix)}</p>`);
    parts.push('</section>');
  }
  return parts.join('');
}

/** Trends over the captures: the chart, then each line's fit in words (what a printout keeps). */
function trendsSection(trends: readonly ReportTrendChart[]): string {
  const figures = trends.map(
    (t) => `<figure class="chart-box"><figcaption>${esc(t.title)}</figcaption>${svgTrendChart(t)}<ul>${t.lines.map((l) => `<li>${esc(l.text)}</li>`).join('')}</ul></figure>`,
  );
  return `<h2>Trends</h2><div class="charts">${figures.join('')}</div>`;
}

/** The top stacks of the leak reports and lock captures: the root on top, width by value. */
function flamesSection(flames: readonly ReportFlame[]): string {
  const figures = flames.map((f) => `<figure class="chart-box"><figcaption>${esc(f.title)}</figcaption>${svgIcicle(f)}</figure>`);
  return `<h2>Flame graphs</h2><p class="legend">${esc(ICICLE_LEGEND)}</p><div class="charts">${figures.join('')}</div>`;
}
