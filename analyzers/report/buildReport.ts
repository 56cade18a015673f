import type { ReportEdits } from '../case/reportEdits';
import { formatShare, groupDigits, plural } from '../core/numberFormat';
import { SEVERITIES, severityRank, type Severity } from '../core/finding';
import type { EpochMillis, Millis } from '../core/units';
import type { CaseResult } from '../case/caseResult';
import type { DetectionBand, TimelineEvent, TimelineView } from '../case/saved/timelineView';
import { findingRef, keyFindings, keysById, type KeyedFinding } from './findingRefs';
import { fiveWhys } from './fiveWhys';
import { capabilityOf } from './analysisIds';
import { ALSO_SEEN_BY } from './mergeFindings';
import { editedFields } from './reportEdits';
import {
  RECORDING_ONLY,
  REPORT_SCHEMA_VERSION,
  type ActionPriority,
  type RcaReport,
  type ReportActionItem,
  type ReportCharts,
  type ReportDetection,
  type ReportFactor,
  type ReportImpact,
  type ReportRootCause,
  type ReportTimelineEntry,
  type SeriesPeak,
  type TimeWindow,
} from './reportModel';
import { byWeight, chainClaim, isMechanism, isMinor, matchRootCauses, sizeAtOneCapture, type MatchedChain } from './rootCauseChains';
import { formatBytes } from '../core/byteFormat';
import type { EvidenceItem, Finding } from '../core/finding';
import { downsampleMinMax } from '../timeline/downsample';
import { EVENT_KIND_PRIORITY, groupHappenings } from './sameHappenings';
import { seriesPeak } from './seriesStats';
import { DURATION_TEXT, formatDuration } from '../core/durationFormat';
import { regressionSection } from './regressionSection';
import { extent } from '../core/extent';
import { formatUtc } from '../core/timeFormat';
import { allocTrendCharts, heapTrendCharts, lockTrendCharts } from './trendCharts';
import { reportFlames } from './reportFlames';

const MAX_CHARTS = 12;
const CHART_POINTS = 400;
const MAX_ACTION_ITEMS = 12;

/**
 * The RCA report of a case: what the evidence says, pre-filled, with the engineer's edits applied
 * over it. Pure: the same case and edits give the same report (times come from the case).
 */
export function buildReport(result: CaseResult, edits: ReportEdits = {}): RcaReport {
  const keyed = keyFindings(result.findings);
  const timeline = result.views.timeline;
  const chains = matchRootCauses(keyed);
  const rootCauses = chains.map((c) => rootCauseOf(c, keyed));
  const impact = impactOf(result, timeline, keyed, chains);
  const detection = detectionOf(keyed, timeline, impact.window);
  const fixes = chains[0] ? fixesOf(chains[0], keyed).map((k) => k.finding) : [];
  // Only small findings: no incident to ask "why was the service degraded?" of; the whys are left to the team.
  const minorOnly = chains[0] !== undefined && isMinor(chains[0].anchor.finding);
  const generatedWhys = fiveWhys(minorOnly ? undefined : chains[0], impact, detection, { events: timeline?.events ?? [], fixes });

  const report: RcaReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    analyzedAt: result.analyzedAt,
    title: edits.title ?? titleOf(rootCauses[0], minorOnly, impact.window),
    summary: edits.summary ?? summaryOf(result, rootCauses, impact, detection, chains[0] ? proofOf(chains[0]) : '', fixes),
    impact,
    detection,
    timeline: timelineOf(keyed, timeline, edits.timelineNotes ?? {}),
    ...(timeline?.notices?.length ? { timelinePlacement: timeline.notices } : {}),
    rootCauses,
    contributingFactors: factorsOf(keyed, chains),
    alsoFound: keyed.filter((k) => k.finding.category !== 'input-quality' && !k.finding.impact.improvement && isMinor(k.finding) && !chains.some((c) => c.anchor === k)).map(findingRef),
    fiveWhys: edits.fiveWhys
      ? edits.fiveWhys.map((answer, i) => ({ ...(generatedWhys[i] ?? { question: 'Why?' }), answer }))
      : generatedWhys,
    actionItems: edits.actionItems ? edits.actionItems.map((a) => ({ ...a, findingKeys: [] })) : actionItemsOf(keyed, chains),
    appendix: {
      inputs: result.inputs.map((i) => ({ file: i.file, format: i.formatLabel, sizeBytes: i.sizeBytes, complete: i.complete, notices: i.notices })),
      failures: result.failures.map((f) => ({ ...f })),
      series: (timeline?.series ?? []).flatMap((s) => {
        const peak = seriesPeak(s);
        return peak ? [{ ...peak, source: s.source }] : [];
      }),
      findings: keyed.map((k) => ({
        ...findingRef(k),
        detail: k.finding.detail,
        evidence: k.finding.evidence,
        paths: k.finding.paths,
        suggestedFix: k.finding.suggestedFix,
        sources: k.finding.sources,
        ...(k.finding.window ? { window: k.finding.window } : {}),
      })),
    },
    edited: editedFields(edits),
  };
  if (result.views.regression) report.regression = regressionSection(result.views.regression);
  const trends = [...heapTrendCharts(result.views.heap?.classTrends), ...allocTrendCharts(result.views.alloc?.siteTrends), ...lockTrendCharts(result.views.locks?.trends)];
  if (trends.length) report.trends = trends;
  const flames = reportFlames(result.views);
  if (flames.length) report.flames = flames;
  const charts = chartsOf(timeline);
  return charts ? { ...report, charts } : report;
}

/** The growth the metrics measured in a chain, the rate every memory candidate is set against. */
function metricGrowthOf(chain: MatchedChain): Finding | undefined {
  return chain.evidence.map((k) => k.finding).find((f) => f.impact.growth?.timeBase === 'metrics' && f.impact.growth.bytesPerHour !== undefined);
}

/** `container_memory_working_set_bytes (game-1)` from its growth finding's title. */
const grownSeries = (f: Finding): string => f.title.split(' grows ')[0];

/**
 * How much of the incident's observed growth the cause explains, or why that cannot be said: the
 * numbers of two captures only compare when both are rates on a clock of the same incident.
 */
function reconcile(chain: MatchedChain): string | undefined {
  const observed = metricGrowthOf(chain);
  const anchor = chain.anchor.finding;
  if (!isMechanism(anchor.category) || observed === anchor) return undefined;
  if (!observed) return shareOfCapturedGrowth(anchor);
  const rate = observed.impact.growth?.bytesPerHour ?? 0;
  const against = `the ${formatBytes(rate)}/h growth of ${grownSeries(observed)}`;
  const g = anchor.impact.growth;
  if (sizeAtOneCapture(anchor)) return `That is its size at one moment, not a rate: it cannot be set against ${against}.`;
  if (!g || g.observations < 2) return `It was measured once, at exit: nothing shows it growing, so it does not account for ${against}.`;
  if (g.bytesPerHour !== undefined) {
    const inIncident = anchor.window && observed.window && anchor.window.startMs <= (observed.window.endMs ?? observed.window.startMs) && (anchor.window.endMs ?? anchor.window.startMs) >= observed.window.startMs;
    // Heap snapshots dated by their file names: say what the rate rests on.
    const basis = g.timeBase === 'snapshot-times' && g.grownBytes !== undefined && g.overMs !== undefined ? ` (${formatBytes(g.grownBytes)} between snapshots ${formatDuration(g.overMs)} apart, dated by their file names)` : '';
    if (!inIncident) return `It grows ~${formatBytes(g.bytesPerHour)}/h${basis} in ${anchor.sources.join(', ')}, recorded outside the incident (another run), so that rate is not set against ${against}.`;
    const share = g.bytesPerHour / rate;
    const rest = share < 0.5 ? `${explains(share)}, the rest is not accounted for by the evidence given` : '';
    return `It grows ~${formatBytes(g.bytesPerHour)}/h${basis}, ${formatShare(share)} of ${against}${rest}.`;
  }
  const grown = g.grownBytes !== undefined ? formatBytes(g.grownBytes) : plural(g.grownObjects ?? 0, 'object');
  const share = g.shareOfGrowth !== undefined ? ` (${formatShare(g.shareOfGrowth)} of the heap's growth between them)` : '';
  const captures = capturesOf(anchor);
  return `${grewWhat(anchor, grown)} grew ${grown} across ${groupDigits(g.observations)} ${captures}${share}; the ${captures} carry no time of their own, so its rate cannot be set against ${against}.`;
}

/**
 * With no metric, the captures' own growth is what the cause is set against: how much of what the
 * heap gained between the first and the last snapshot it accounts for. A cluster of 1.5 MiB named as
 * the cause of a heap that gained 44 MiB (ESLint type-checking a project) would otherwise read as
 * the explanation of that growth.
 */
function shareOfCapturedGrowth(anchor: Finding): string | undefined {
  const g = anchor.impact.growth;
  if (!g || g.observations < 2 || g.grownBytes === undefined || !g.shareOfGrowth) return undefined;
  const grown = formatBytes(g.grownBytes);
  const grew = `${grewWhat(anchor, grown)} grew ${grown} across ${groupDigits(g.observations)} ${capturesOf(anchor)}`;
  // Merged findings' shares add up, capped at the whole: the heap's own figure is then not known here.
  if (g.shareOfGrowth >= 1) return `${grew}, as much as the heap grew between them.`;
  const part = g.shareOfGrowth < 0.5 ? explains(g.shareOfGrowth) : '';
  return `${grew}, ${formatShare(g.shareOfGrowth)} of the ${formatBytes(g.grownBytes / g.shareOfGrowth)} the heap grew between them${part}.`;
}

/** A cause that explains little of the growth is still proven; the rest needs another explanation. */
const explains = (share: number): string => `: it explains ${share < 0.1 ? 'little' : 'part'} of that growth`;

/**
 * The title's figure is the lead finding's own; the growth adds the findings merged into it (the
 * same leak's closures and arrays): said when the title does not read the same figure, or the two
 * numbers read as a contradiction.
 */
function grewWhat(anchor: Finding, grown: string): string {
  const merged = anchor.evidence.filter((e) => e.label.startsWith(ALSO_SEEN_BY)).length;
  return merged > 0 && !anchor.title.includes(grown) ? `With the ${plural(merged, 'finding')} of the same problem merged into it, it` : 'It';
}

/** A breach title's "for 6 s" (before " on …", " (…" or at the end): the key number states the duration itself. */
const BREACH_DURATION = new RegExp(` for ${DURATION_TEXT}(?= on | \\(|$)`);

/**
 * "P99 latency above 1 s for 7 min 59 s on api_latency_p99_ms (peak 3.6 s)" as a key number: the
 * duration is the value, so the label drops it rather than saying it twice ("for 6 s: 6 s").
 */
export const breachKeyNumber = (title: string, durationMs: Millis): EvidenceItem => ({ label: title.replace(BREACH_DURATION, ''), value: durationMs, unit: 'ms' });

/** What the incident cost, from the chain's symptoms: growth per hour, OOM kills, breaches. */
function incidentNumbers(chain: MatchedChain | undefined): EvidenceItem[] {
  if (!chain) return [];
  const out: EvidenceItem[] = [];
  const killedServices = chain.evidence.filter((k) => k.finding.impact.oomKills).length;
  for (const { finding } of chain.evidence) {
    const i = finding.impact;
    if (i.growth?.timeBase === 'metrics' && i.growth.bytesPerHour !== undefined) out.push({ label: `memory growth of ${grownSeries(finding)}`, value: Math.round(i.growth.bytesPerHour), unit: 'bytes/h' });
    // The total stands in the impact once; a count per service adds to it only when several died.
    if (i.oomKills && killedServices > 1) out.push({ label: `OOM kills (${finding.title.split(' killed ')[0]})`, value: i.oomKills, unit: 'count' });
    if (i.breach) out.push(breachKeyNumber(finding.title, i.breach.durationMs));
  }
  return out;
}

/** What a finding's growth was counted across: heap snapshots, or another tool's captures (V8 sampling profiles, pprof, heaptrack). */
const capturesOf = (f: Finding): string => (capabilityOf(f) === 'heap' ? 'heap snapshots' : 'captures');

/** The symptom that proves the cause hurt: the weightiest non-mechanism of its chain. */
function proofOf(chain: MatchedChain): string {
  const anchor = chain.anchor.finding;
  const parts: string[] = [];
  const g = anchor.impact.growth;
  // A mechanism's growth is its proof; a trend (memory growth) is that growth, and its title says so.
  // With the share of the heap's growth it accounts for: the statement's reconciliation, in short.
  const ofGrowth = g?.shareOfGrowth ? ` (${formatShare(g.shareOfGrowth)} of the heap's growth)` : '';
  if (g && g.observations >= 2 && g.timeBase === 'none' && isMechanism(anchor.category)) parts.push(`growing across ${groupDigits(g.observations)} ${capturesOf(anchor)}${ofGrowth}`);
  if (g && g.observations >= 2 && g.timeBase === 'snapshot-times' && g.bytesPerHour !== undefined) parts.push(`growing ~${formatBytes(g.bytesPerHour)}/h across ${groupDigits(g.observations)} heap snapshots`);
  // Another finding of the anchor's own analysis (a second growing site) is a peer, not a proof.
  const symptom = chain.evidence.map((k) => k.finding).filter((f) => f !== anchor && f.analysis !== anchor.analysis && !isMechanism(f.category) && f.category !== 'oom').sort(byWeight)[0];
  if (symptom) parts.push(symptom.title.split('; ')[0]);
  // The kills are the incident's impact: the summary says them once, with its window.
  return parts.length ? ` — ${parts.join('; ')}` : '';
}

/** A measured fix of the chain's mechanism (the after side of a before/after capture): part of its story. */
const fixesOf = (chain: MatchedChain, keyed: readonly KeyedFinding[]): KeyedFinding[] =>
  keyed.filter((k) => k.finding.impact.improvement && k.finding.category === chain.anchor.finding.category);

function rootCauseOf(chain: MatchedChain, keyed: readonly KeyedFinding[]): ReportRootCause {
  const anchor = chain.anchor.finding;
  const analyses = [...new Set(chain.evidence.map((k) => k.finding.analysis))];
  // Another mechanism of the chain (a second leak in the same snapshots) is a contributing factor, not support.
  const support = chain.evidence.filter((k) => k !== chain.anchor && !isMechanism(k.finding.category));
  const others = support.length;
  const supporting = [...new Set(support.map((k) => k.finding.analysis))];
  const corroboration =
    others > 0 ? ` ${plural(others, 'more finding')} from ${supporting.join(', ')} ${others === 1 ? 'supports' : 'support'} it.` : '';
  const reconciliation = reconcile(chain);
  const fixes = fixesOf(chain, keyed);
  const fixed = fixes.map((k) => ` Measured after the change: ${k.finding.title}.`).join('');
  return {
    chain: chain.rule.id,
    // A small finding leading alone is not a proven leak or stampede: its heading says what it is.
    label: isMinor(anchor) ? 'Largest finding (minor)' : chainClaim(chain).label,
    finding: findingRef(chain.anchor),
    statement: `${anchor.title}.${reconciliation ? ` ${reconciliation}` : ''} ${mechanismOf(chain)}${corroboration}${fixed}`.replace(/\s+$/, ''),
    evidence: [...chain.evidence, ...fixes].map(findingRef),
    analyses,
  };
}

/** A small finding leads only when nothing bigger is there: it is named, its chain's mechanism is not claimed. */
function mechanismOf(chain: MatchedChain): string {
  const claim = chainClaim(chain);
  return isMinor(chain.anchor.finding) ? `Too small to have caused an incident on its own: the largest thing the evidence shows, not a proven ${claim.label.toLowerCase()}.` : claim.mechanism;
}

function impactOf(result: CaseResult, timeline: TimelineView | undefined, keyed: readonly KeyedFinding[], chains: readonly MatchedChain[]): ReportImpact {
  const spans: { start: number; end: number }[] = [];
  for (const d of timeline?.detections ?? []) spans.push({ start: d.startMs, end: d.endMs });
  const domain = seriesDomain(timeline);
  // Without metrics there is no incident clock: the window is what the first cause's own evidence
  // spans (another program's allocation log, recorded on another day, is not this incident's time).
  const timed = domain || !chains[0] ? keyed : chains[0].evidence;
  for (const { finding } of timed) if (finding.window) spans.push({ start: finding.window.startMs, end: finding.window.endMs ?? finding.window.startMs });
  for (const e of timeline?.events ?? []) if (e.kind === 'oom' || e.kind === 'alert') spans.push({ start: e.atMs, end: e.atMs });
  // With metrics, the incident is what happened while they were recorded: a leak log captured
  // months later in a lab carries its own wall-clock window and must not stretch the impact.
  const inIncident = domain ? spans.filter((s) => s.end >= domain.startMs && s.start <= domain.endMs) : spans;
  let window: TimeWindow | undefined;
  if (inIncident.length > 0) {
    const start = Math.min(...inIncident.map((s) => s.start));
    const last = Math.max(...inIncident.map((s) => s.end));
    // A detection of one event ends a millisecond after it (its end is exclusive): an instant, not a span of 1 ms.
    const end = last - start <= 1 ? start : last;
    window = { startMs: start as EpochMillis, endMs: end as EpochMillis, durationMs: (end - start) as Millis };
  }
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of result.findings) findingsBySeverity[f.severity]++;
  const incidentClock = domain || (timeline?.detections.length ?? 0) > 0 || (timeline?.events ?? []).some((e) => e.kind === 'oom' || e.kind === 'alert');
  return {
    ...(window ? { window, ...(incidentClock ? {} : { windowIs: 'recording' as const }) } : {}),
    peaks: (timeline?.series ?? []).flatMap((s) => {
      const p = seriesPeak(s);
      if (!p) return [];
      const { points: _points, mean: _mean, ...peak } = p;
      return [peak];
    }),
    // Kills without a wall-clock time (plain dmesg, boot time unknown) count too: they happened.
    oomKills: oomKillsOf(timeline?.events ?? [], keyed),
    findingsBySeverity,
    keyNumbers: incidentNumbers(chains[0]),
  };
}

/**
 * Kills without a wall-clock time (plain dmesg, boot time unknown) happened too, but cannot be
 * matched to the chat's kills by time: the kernel's own count stands beside the timed count, and
 * the larger is the number of kills.
 */
function oomKillsOf(events: readonly TimelineEvent[], keyed: readonly KeyedFinding[]): number {
  const timed = countOomKills(events);
  const untimed = keyed.filter((k) => k.finding.category === 'oom' && !k.finding.window);
  if (untimed.length === 0) return timed;
  const files = new Set(untimed.flatMap((k) => k.finding.sources));
  const kernelTimed = events.filter((e) => e.kind === 'oom' && files.has(e.source)).length;
  return Math.max(timed, kernelTimed + untimed.reduce((n, k) => n + (k.finding.impact.oomKills ?? 0), 0));
}

/** How long apart a chat line and a kernel log line can be and still be the same kill. */
const SAME_KILL_MS = 120_000;

/**
 * OOM kills, each once: the chat timeline's "game-1 OOM killed" and the kernel's report of it are
 * one kill. Events of the same source always count (a kernel log lists every kill it made).
 */
function countOomKills(events: readonly TimelineEvent[]): number {
  const counted: TimelineEvent[] = [];
  for (const e of [...events].filter((e) => e.kind === 'oom').sort((a, b) => a.atMs - b.atMs)) {
    if (!counted.some((c) => c.source !== e.source && Math.abs(c.atMs - e.atMs) <= SAME_KILL_MS)) counted.push(e);
  }
  return counted.length;
}

function detectionOf(keyed: readonly KeyedFinding[], timeline: TimelineView | undefined, window: TimeWindow | undefined): ReportDetection {
  const keyOf = keysById(keyed);
  const alerts = (timeline?.events ?? []).filter((e) => e.kind === 'alert').sort((a, b) => a.atMs - b.atMs);
  const detections = (timeline?.detections ?? [])
    .map((d) => ({ label: bandLabel(d, timeline), severity: d.severity, startMs: d.startMs, endMs: d.endMs, findingKey: keyOf(d.findingId) }))
    .sort((a, b) => a.startMs - b.startMs);
  const first = detections[0];
  const alert = alerts[0];
  const detection: ReportDetection = { detections };
  if (alert) detection.firstAlert = { atMs: alert.atMs, title: alert.title, source: alert.source };
  if (first) detection.firstDetection = { atMs: first.startMs, label: first.label, findingKey: first.findingKey };
  if (alert && window && alert.atMs >= window.startMs) detection.timeToDetectMs = (alert.atMs - window.startMs) as Millis;
  return detection;
}

function timelineOf(keyed: readonly KeyedFinding[], timeline: TimelineView | undefined, notes: Record<string, string>): ReportTimelineEntry[] {
  const keyOf = keysById(keyed);
  const entries: ReportTimelineEntry[] = [];
  const placed = new Set<string>();
  const echoKeys = new Map<string, string[]>();
  for (const { event: e, echoes } of groupHappenings(timeline?.events ?? [])) {
    const findingKey = keyOf(e.findingId);
    if (findingKey) placed.add(findingKey);
    const entry: ReportTimelineEntry = { key: `event:${e.id}`, kind: 'event', atMs: e.atMs, ...(e.endMs !== undefined ? { endMs: e.endMs } : {}), tag: e.kind, title: e.title, source: e.source, findingKey, note: '' };
    if (echoes.length) {
      entry.alsoIn = echoes.map((o) => ({ source: o.source, title: o.title }));
      echoKeys.set(entry.key, echoes.map((o) => `event:${o.id}`));
    }
    entries.push(entry);
  }
  for (const d of timeline?.detections ?? []) {
    const findingKey = keyOf(d.findingId);
    if (findingKey) placed.add(findingKey);
    entries.push({ key: `detection:${d.id}`, kind: 'detection', atMs: d.startMs, endMs: d.endMs, tag: d.severity, title: bandLabel(d, timeline), source: 'Aftermath', findingKey, note: '' });
  }
  for (const k of keyed) {
    const w = k.finding.window;
    if (!w || placed.has(k.key)) continue;
    entries.push({
      key: `finding:${k.key}`,
      kind: 'finding',
      atMs: w.startMs,
      ...(w.endMs !== undefined ? { endMs: w.endMs } : {}),
      tag: k.finding.severity,
      title: k.finding.title,
      source: k.finding.sources.join(', '),
      findingKey: k.key,
      note: '',
    });
  }
  entries.sort((a, b) => (a.atMs ?? Infinity) - (b.atMs ?? Infinity));
  // A note written on a row that is now an echo of another (a case saved before they were one) is
  // shown until the merged row's own note is written (an emptied note is written too).
  const noteOf = (key: string) => notes[key] ?? (echoKeys.get(key) ?? []).map((k) => notes[k] ?? '').filter(Boolean).join(' / ');
  return entries.map((e) => ({ ...e, note: noteOf(e.key) }));
}

/** A band's label with the series it was detected on: two "P99 latency > 1 s" bands are told apart. */
function bandLabel(band: DetectionBand, timeline: TimelineView | undefined): string {
  const names = band.seriesIds.map((id) => timeline?.series.find((s) => s.id === id)?.name ?? id);
  return names.length ? `${band.label} (${names.join(', ')})` : band.label;
}

/**
 * Other mechanisms that made it worse (a second leak, the cycle that keeps the leak alive) and
 * findings outside every root cause chain, most severe first, each once. A chain's symptoms
 * (growth, OOM, threshold breaches) are its evidence and impact, not factors of their own; findings
 * too small to matter are listed as also found.
 */
function factorsOf(keyed: readonly KeyedFinding[], chains: readonly MatchedChain[]): ReportFactor[] {
  const anchors = new Set(chains.map((c) => c.anchor));
  return keyed
    .filter((k) => !anchors.has(k) && k.finding.category !== 'input-quality' && !isMinor(k.finding))
    .map((k) => ({ k, chain: chains.find((c) => c.evidence.includes(k)) }))
    .filter(({ k, chain }) => !chain || isMechanism(k.finding.category))
    .sort((a, b) => severityRank(b.k.finding.severity) - severityRank(a.k.finding.severity))
    .map(({ k, chain }) => (chain ? { finding: findingRef(k), rootCauseKey: chain.anchor.key } : { finding: findingRef(k) }));
}

/** One item per distinct suggested fix: the cause's first (P1), its chain's next (P2), the rest (P3). */
function actionItemsOf(keyed: readonly KeyedFinding[], chains: readonly MatchedChain[]): ReportActionItem[] {
  const priorityOf = (k: KeyedFinding): ActionPriority =>
    chains.some((c) => c.anchor === k) ? 'P1' : chains.some((c) => c.evidence.includes(k)) ? 'P2' : 'P3';
  const ordered = keyed
    .filter((k) => k.finding.suggestedFix.trim() !== '')
    .map((k) => ({ k, priority: priorityOf(k) }))
    .sort((a, b) => a.priority.localeCompare(b.priority) || severityRank(b.k.finding.severity) - severityRank(a.k.finding.severity));
  const items = new Map<string, ReportActionItem>();
  for (const { k, priority } of ordered) {
    const text = k.finding.suggestedFix.trim();
    const existing = items.get(text);
    if (existing) existing.findingKeys.push(k.key);
    else items.set(text, { text, owner: '', priority, findingKeys: [k.key] });
  }
  return [...items.values()].slice(0, MAX_ACTION_ITEMS);
}

/** The markers a chart can still show readably; the timeline table keeps every event. */
const MAX_MARKERS = 100;

function chartMarkers(events: readonly TimelineEvent[]): ReportCharts['markers'] {
  return groupHappenings(events)
    .map((h) => h.event)
    .sort((a, b) => EVENT_KIND_PRIORITY.indexOf(a.kind) - EVENT_KIND_PRIORITY.indexOf(b.kind) || a.atMs - b.atMs)
    .slice(0, MAX_MARKERS)
    .sort((a, b) => a.atMs - b.atMs)
    .map((e) => ({ atMs: e.atMs, ...(e.endMs !== undefined ? { endMs: e.endMs } : {}), kind: e.kind, title: e.title }));
}

function seriesDomain(timeline: TimelineView | undefined): { startMs: EpochMillis; endMs: EpochMillis } | undefined {
  const span = extent((timeline?.series ?? []).flatMap((s) => [s.t[0], s.t[s.t.length - 1]]).filter(Number.isFinite));
  return span && { startMs: span.lo as EpochMillis, endMs: span.hi as EpochMillis };
}

function chartsOf(timeline: TimelineView | undefined): ReportCharts | undefined {
  const series = timeline?.series.filter((s) => s.v.some(Number.isFinite)) ?? [];
  if (!timeline || series.length === 0) return undefined;
  // Series a detection points at come first: they are the ones the story is about.
  const flagged = new Set(timeline.detections.flatMap((d) => d.seriesIds));
  const shown = [...series].sort((a, b) => Number(flagged.has(b.id)) - Number(flagged.has(a.id))).slice(0, MAX_CHARTS);
  return {
    domain: seriesDomain({ ...timeline, series: shown }) ?? { startMs: shown[0].t[0], endMs: shown[0].t[0] },
    charts: shown.map((s) => ({ seriesId: s.id, title: s.name, unit: s.unit, ...downsampleMinMax(s.t, s.v, CHART_POINTS) })),
    markers: chartMarkers(timeline.events),
    bands: timeline.detections.map((d) => ({ startMs: d.startMs, endMs: d.endMs, label: d.label, severity: d.severity, seriesIds: d.seriesIds })),
  };
}

function titleOf(cause: ReportRootCause | undefined, minor: boolean, window: TimeWindow | undefined): string {
  const day = window ? ` on ${formatUtc(window.startMs).slice(0, 10)}` : '';
  if (!cause) return `Post-mortem${day}: no root cause identified`;
  return minor ? `Post-mortem${day}: nothing big enough to have caused an incident` : `Post-mortem: ${cause.label.toLowerCase()}${day}`;
}

/** The worst P99 latency the metrics show during the impact: what users felt, in the summary. */
function p99PeakOf(impact: ReportImpact): string | undefined {
  const w = impact.window;
  const toMs = (p: SeriesPeak) => (p.unit === 's' ? p.max * 1000 : p.max);
  const peak = impact.peaks
    .filter((p) => (p.unit === 'ms' || p.unit === 's') && /p99|99th|quantile_0?\.99/i.test(p.name) && (!w || (p.maxAtMs >= w.startMs && p.maxAtMs <= w.endMs)))
    .sort((a, b) => toMs(b) - toMs(a))[0];
  return peak && `P99 latency peaked at ${formatDuration(toMs(peak))} (${peak.name}, ${formatUtc(peak.maxAtMs)})`;
}

function summaryOf(result: CaseResult, causes: readonly ReportRootCause[], impact: ReportImpact, detection: ReportDetection, proof: string, fixes: readonly Finding[]): string {
  const parts: string[] = [];
  const cause = causes[0];
  const anchor = cause && result.findings.find((f) => f.id === cause.finding.findingId);
  if (anchor && isMinor(anchor)) {
    // Small findings alone are all the evidence says, but not an incident's cause: the summary says so.
    parts.push(`Nothing in the evidence is big enough to have caused an incident: ${plural(result.findings.filter(isMinor).length, 'small finding')}, the largest named below.`);
  } else parts.push(cause ? `Root cause: ${cause.label.toLowerCase()} — ${cause.finding.title}${proof}.` : 'The evidence names no root cause.');
  for (const fix of fixes) parts.push(`Measured after the change: ${fix.title}.`);
  // A root cause that is the kills themselves has said how many.
  const kills = impact.oomKills && anchor?.category !== 'oom' ? plural(impact.oomKills, 'OOM kill') : '';
  const p99 = p99PeakOf(impact);
  if (impact.window) {
    const w = impact.window;
    // One capture's instant (a pprof profile's time) is a moment, not a span of 0 ms.
    const span = w.durationMs > 0 ? `from ${formatUtc(w.startMs)} to ${formatUtc(w.endMs)} (${formatDuration(w.durationMs)})` : `at ${formatUtc(w.startMs)}`;
    if (impact.windowIs !== 'recording') parts.push(`Impact ${span}${kills ? `, ${kills}` : ''}${p99 ? `; ${p99}` : ''}.`);
    else {
      parts.push(`Evidence recorded ${span}; ${RECORDING_ONLY}.`);
      if (kills || p99) parts.push(`${[kills, p99].filter(Boolean).join('; ')}.`);
    }
  } else if (kills || p99) parts.push(`${[kills, p99].filter(Boolean).join('; ')}.`);
  if (detection.firstAlert) parts.push(`First alert: "${detection.firstAlert.title}" at ${formatUtc(detection.firstAlert.atMs)}.`);
  const analyses = new Set(result.findings.map((f) => f.analysis));
  const serious = impact.findingsBySeverity.high + impact.findingsBySeverity.critical;
  const files = plural(result.inputs.length, 'input file');
  parts.push(
    result.findings.length === 0
      ? `No findings in ${files}.`
      : `${plural(result.findings.length, 'finding')} from ${plural(analyses.size, 'analysis', 'analyses')} of ${files}; ${serious} high or critical.`,
  );
  if (causes.length > 1) parts.push(`Also a likely cause: ${causes.slice(1).map((c) => c.label.toLowerCase()).join(', ')}.`);
  return parts.join(' ');
}
