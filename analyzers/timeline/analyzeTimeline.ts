import { extent } from '../core/extent';
import { plural } from '../core/numberFormat';
import type { Finding } from '../core/finding';
import { severityOf } from '../core/severity';
import type { AnalyzeContext, CapabilityResult, LoadedInput } from '../ingest/capability';
import { bootTimeMs, type CaseOptions } from '../ingest/caseOptions';
import type { FloatingEvent, ParsedEvent, RawSeries, TimelineArtifact } from './artifact';
import { bootFromSameKill, chooseAnchor, resolveFloating, type Anchor } from './anchorDate';
import { untimedOomFinding } from './rules/oomKills';
import { placeKillsAtRestarts } from './rules/killAtRestart';
import { downsampleMinMax } from './downsample';
import { loadRunSeries, placeRelativeRuns } from './loadTestSeries';
import { dayStartMs } from './timeParse';
import { TIMELINE_RULES } from './rules';
import type { RuleInput } from './rules/rule';
import { seriesKey } from './seriesBuilder';
import { ratioAsPercent } from './metricUnits';
import type { DetectionBand, TimelineEvent, TimelineView } from './view';
import type { MetricSeries } from '../core/timeSeries';

/** Points per series sent to the charts; recharts draws SVG and slows down past a few thousand. */
export const VIEW_MAX_POINTS = 2000;

function eventOf(e: ParsedEvent, id: string): TimelineEvent {
  const event: TimelineEvent = { id, atMs: e.atMs, kind: e.kind, title: e.title, detail: e.detail, source: e.source };
  if (e.service) event.service = e.service;
  if (e.endMs !== undefined && e.endMs > e.atMs) event.endMs = e.endMs;
  return event;
}

/** Findings of the heap, alloc and lock analyzers that carry a time become markers that open them. */
function findingEvents(findings: readonly Finding[]): TimelineEvent[] {
  return findings
    .filter((f) => f.window)
    .map((f) => ({
      id: `finding:${f.id}`,
      atMs: f.window!.startMs,
      kind: 'finding' as const,
      title: f.title,
      detail: f.detail,
      source: f.sources.join(', '),
      findingId: f.id,
    }));
}

/** The time span of the case's own series (their ends) and events. */
function caseSpan(series: readonly MetricSeries[], events: readonly TimelineEvent[]): { lo: number; hi: number } | undefined {
  return extent([...series.flatMap((s) => (s.t.length ? [s.t[0], s.t[s.t.length - 1]] : [])), ...events.map((e) => e.atMs)]);
}

/** Finding markers that fall outside the span of the case's own series and events. */
function outsideSpan(placed: readonly TimelineEvent[], span: { lo: number; hi: number } | undefined): TimelineEvent[] {
  return span ? placed.filter((e) => e.atMs < span.lo || e.atMs > span.hi) : [];
}

/**
 * Series other capabilities lend (allocation event logs' live bytes), charted beside the metrics
 * when recorded during the incident (a reproduction recorded another day would squash the axis).
 * Drawn only: their capability has already judged them.
 */
function lentSeriesInSpan(lent: readonly MetricSeries[], span: { lo: number; hi: number } | undefined): MetricSeries[] {
  const candidates = lent.filter((s) => s.t.length > 0);
  return span ? candidates.filter((s) => s.t[s.t.length - 1] >= span.lo && s.t[0] <= span.hi) : candidates;
}

/**
 * The boot time for plain `dmesg` lines: the user's option first; then a journal line of the case
 * with both clocks; then the same kill told with a wall-clock time by another input. How it was
 * found is stated, since it moves events on the timeline.
 */
function bootOf(
  inputs: readonly LoadedInput<TimelineArtifact>[],
  floating: readonly FloatingEvent[],
  dated: readonly ParsedEvent[],
  series: readonly MetricSeries[],
  options: CaseOptions,
  notices: string[],
): { bootMs?: number; inferred?: ReadonlyMap<FloatingEvent, string> } {
  if (!floating.some((e) => e.at.kind === 'since-boot')) return {};
  const given = options.bootTime === undefined ? undefined : bootTimeMs(options.bootTime);
  if (given !== undefined) return { bootMs: given };
  const journal = inputs.find((i) => i.artifact.bootMs !== undefined);
  if (journal?.artifact.bootMs !== undefined) {
    notices.push(`Seconds-since-boot kernel lines placed with the boot time ${new Date(journal.artifact.bootMs).toISOString()}, read from ${journal.file} (a line with both a wall-clock time and seconds since boot).`);
    return { bootMs: journal.artifact.bootMs };
  }
  const same = bootFromSameKill(floating, dated);
  if (same) {
    notices.push(`Seconds-since-boot kernel lines placed with the boot time ${new Date(same.bootMs).toISOString()}, inferred from the same kill in ${same.via.source} (${same.via.title}).`);
    return { bootMs: same.bootMs };
  }
  const atRestart = placeKillsAtRestarts(floating, series);
  if (!atRestart) return {};
  if ('why' in atRestart) {
    notices.push(`Seconds-since-boot kernel lines not placed by the restarts in the metrics: ${atRestart.why}.`);
    return {};
  }
  notices.push(`Seconds-since-boot kernel lines placed with the boot time ${new Date(atRestart.bootMs).toISOString()}, inferred from the restarts in the metrics: ${atRestart.matches.map((m) => `${m.kill.title} ${m.inference}`).join('; ')}.`);
  return { bootMs: atRestart.bootMs, inferred: new Map(atRestart.matches.map((m) => [m.kill, m.inference])) };
}

/** A kill dated by the restart that followed it carries that inference as its evidence. */
function statingInference(e: FloatingEvent, inference: string): FloatingEvent {
  const item = { label: 'time inferred', value: inference };
  return { ...e, detail: `${e.detail} Time inferred: ${inference}.`, ...(e.oom ? { oom: { ...e.oom, evidence: [...e.oom.evidence, item] } } : {}) };
}

/**
 * Merges every timeline input of the case onto one axis, places time-of-day-only inputs with the
 * anchor date, runs each detection rule on the full-resolution series, and downsamples for the view.
 */
export function analyzeTimeline(inputs: readonly LoadedInput<TimelineArtifact>[], ctx: Pick<AnalyzeContext, 'options' | 'earlierFindings'> & Partial<Pick<AnalyzeContext, 'earlierSeries'>>): CapabilityResult<TimelineView> {
  const series: MetricSeries[] = [];
  const usedIds = new Set<string>();
  const addSeries = (file: string, s: RawSeries) => {
    let id = `${file}:${seriesKey(s.name, s.labels)}`;
    for (let n = 2; usedIds.has(id); n++) id = `${file}:${seriesKey(s.name, s.labels)}#${n}`;
    usedIds.add(id);
    series.push({ id, ...ratioAsPercent(s) });
  };
  for (const input of inputs) for (const s of input.artifact.series) addSeries(input.file, s);
  const dated = inputs.flatMap((i) => i.artifact.events);
  const floating = inputs.flatMap((i) => i.artifact.floatingEvents);
  const loadRuns = inputs.flatMap((i) => i.artifact.loadTests ?? []);
  const datedMs = [
    ...dated.map((e) => e.atMs),
    ...series.filter((s) => s.t.length).map((s) => s.t[0]),
    ...loadRuns.filter((r) => r.clock === 'wall' && r.steps.length).map((r) => r.steps[0].startMs),
  ];
  const notices: string[] = [];
  const findings: Finding[] = [];
  const boot = bootOf(inputs, floating, dated, series, ctx.options, notices);
  const anchor: Anchor = { ...chooseAnchor(ctx.options.anchorDate, datedMs), ...(boot.bootMs !== undefined ? { bootMs: boot.bootMs } : {}) };
  const placed = placeRelativeRuns(loadRuns, ctx.options.anchorDate ? dayStartMs(ctx.options.anchorDate) : undefined, datedMs, ctx.earlierFindings);
  if (placed.placedAt) {
    const files = placed.runs.filter((r) => r.clock === 'relative').map((r) => r.file);
    notices.push(`${files.join(', ')}: the output has no clock; its steps were laid end to end from ${new Date(placed.placedAt.ms).toISOString()} (${placed.placedAt.why}).`);
  }
  for (const run of placed.runs) for (const s of loadRunSeries(run)) addSeries(run.file, s);
  const dayless = floating.filter((e) => e.at.kind !== 'since-boot');
  if (dayless.length && anchor.assumed) {
    const files = [...new Set(dayless.map((e) => e.source))];
    const message = `${files.join(', ')}: times without a date were placed on ${anchor.date}, assumed from ${anchor.assumed}. Set the anchor date (--anchor-date, or the analysis options) if the incident began another day.`;
    notices.push(message);
    findings.push({
      id: 'timeline.anchor-date.0',
      analysis: 'timeline.anchor-date',
      category: 'input-quality',
      severity: severityOf({}),
      impact: {},
      title: `Timeline date assumed: ${anchor.date}`,
      detail: message,
      evidence: [{ label: 'assumed date', value: anchor.date }],
      paths: [],
      suggestedFix: 'Give the incident’s first day as the anchor date.',
      sources: files,
    });
  }
  const resolved = resolveFloating(
    floating.map((e) => {
      const inference = boot.inferred?.get(e);
      return inference ? statingInference(e, inference) : e;
    }),
    anchor,
  );
  const parsedEvents = [...dated, ...resolved.placed].sort((a, b) => a.atMs - b.atMs);
  const events = parsedEvents.map((e, i) => eventOf(e, `event:${i}`));
  const oomAccounts = new Map(parsedEvents.flatMap((e, i) => (e.oom ? [[events[i].id, e.oom] as const] : [])));
  const untimed = untimedOomFinding(resolved.unplaced);
  if (untimed) {
    findings.push(untimed);
    notices.push(`${untimed.sources.join(', ')}: ${plural(untimed.impact.oomKills ?? 0, 'OOM kill')} counted in seconds since boot with no boot time known: listed with the time unknown. Give the boot time (--boot-time, or the analysis options) to place them.`);
  }

  const droppedSeries = inputs.flatMap((i) => i.artifact.droppedSeries ?? []);
  const ruleInput: RuleInput = { series, events, oomAccounts, earlierFindings: ctx.earlierFindings, options: ctx.options, loadTests: placed.runs, droppedSeries };
  const detections: DetectionBand[] = [];
  for (const rule of TIMELINE_RULES) {
    for (const d of rule.detect(ruleInput)) {
      findings.push(d.finding);
      detections.push({
        id: `band:${d.finding.id}`,
        findingId: d.finding.id,
        label: d.label,
        severity: d.finding.severity,
        startMs: d.finding.window.startMs,
        endMs: d.finding.window.endMs ?? d.finding.window.startMs,
        seriesIds: d.seriesIds,
      });
    }
  }
  const findingMarkers = findingEvents(ctx.earlierFindings);
  const span = caseSpan(series, events);
  const outside = outsideSpan(findingMarkers, span);
  if (outside.length) {
    notices.push(
      `${plural(outside.length, 'finding')} of other analyses ${outside.length === 1 ? 'carries a time' : 'carry times'} outside the span of the metrics and events ` +
        `(first: ${outside[0].title.slice(0, 80)} at ${new Date(outside[0].atMs).toISOString()}): listed, but not drawn on the charts. A capture recorded on another day (a reproduction) does that.`,
    );
  }
  const viewSeries = [...series, ...lentSeriesInSpan(ctx.earlierSeries ?? [], span)].map((s) => ({ ...s, ...downsampleMinMax(s.t, s.v, VIEW_MAX_POINTS) }));
  const view: TimelineView = {
    files: inputs.map((i) => i.file),
    series: viewSeries,
    events: [...events, ...findingMarkers].sort((a, b) => a.atMs - b.atMs),
    detections,
  };
  if (placed.runs.length) view.loadTests = placed.runs;
  const processMemory = inputs.flatMap((i) => i.artifact.processMemory ?? []);
  if (processMemory.length) view.processMemory = processMemory;
  if (notices.length) view.notices = notices;
  return { findings, view };
}
