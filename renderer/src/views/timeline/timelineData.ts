import type { TimelineEvent, TimelineView } from '../../../../analyzers/case/saved/timelineView';
import { niceRange, timeLabel } from '../../../../analyzers/report/chartGeometry';
import { formatUtc } from '../../../../analyzers/core/timeFormat';
import type { MetricSeries, MetricUnit } from '../../../../analyzers/core/timeSeries';
import { minMaxPerColumn } from '../../../../analyzers/core/minMaxPerColumn';

/** One chart: series of one unit whose values are of one order of magnitude, so none is flattened. */
export interface ChartGroup {
  /** Unique among the groups: the unit, and the panel's place among that unit's panels. */
  key: string;
  unit: MetricUnit;
  series: MetricSeries[];
}

/** What uPlot draws: the times, then one column of values per series of the group (null where it has no point). */
export type ChartColumns = [number[], ...(number | null)[][]];

export type TimeRange = readonly [number, number];

/**
 * The span every chart shares: the series, events and bands of the view. Markers of other analyses'
 * findings widen it only when there is nothing else: a capture recorded months later would
 * otherwise squeeze the incident into a sliver (the analysis says so in a notice).
 */
export function fullRange(view: TimelineView): TimeRange | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of view.series) {
    if (s.t.length === 0) continue;
    lo = Math.min(lo, s.t[0]);
    hi = Math.max(hi, s.t[s.t.length - 1]);
  }
  const own = view.events.filter((e) => e.kind !== 'finding');
  for (const e of own.length || view.series.length ? own : view.events) [lo, hi] = [Math.min(lo, e.atMs), Math.max(hi, e.atMs)];
  for (const d of view.detections) [lo, hi] = [Math.min(lo, d.startMs), Math.max(hi, d.endMs)];
  if (!Number.isFinite(lo)) return undefined;
  return hi > lo ? [lo, hi] : [lo - 60_000, lo + 60_000];
}

/** A series whose values are a smaller share than this of its panel's largest gets a panel of its own. */
const OWN_PANEL_BELOW = 0.1;

const peakOf = (s: MetricSeries) => s.v.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * One axis per unit: series grouped by unit (memory and its limit on one chart, latencies on
 * another), and within a unit split where the magnitudes differ tenfold or more, so an error rate
 * of 0–1.6 % gets its own axis rather than a flat line under CPU's 0–100 %. Peaks over the whole
 * series, so that panels do not change as one zooms.
 */
export function chartGroups(series: readonly MetricSeries[]): ChartGroup[] {
  const byUnit = new Map<MetricUnit, MetricSeries[]>();
  for (const s of series) byUnit.set(s.unit, [...(byUnit.get(s.unit) ?? []), s]);
  return [...byUnit.entries()].flatMap(([unit, list]) => {
    const panels: { peak: number; members: Set<MetricSeries> }[] = [];
    for (const [s, peak] of list.map((x) => [x, peakOf(x)] as const).sort((a, b) => b[1] - a[1])) {
      const panel = panels.find((p) => peak >= p.peak * OWN_PANEL_BELOW);
      if (panel) panel.members.add(s);
      else panels.push({ peak, members: new Set([s]) });
    }
    return panels.map((p, i) => ({ key: `${unit}#${i}`, unit, series: list.filter((s) => p.members.has(s)) }));
  });
}

/**
 * The group's points to draw over `range` on `columns` pixels (min and max per pixel column, see
 * minMaxPerColumn), merged on one time axis as uPlot wants them.
 */
export function chartColumns(group: ChartGroup, range: TimeRange, columns: number): ChartColumns {
  const parts = group.series.map((s) => minMaxPerColumn(s.t, s.v, range[0], range[1], columns));
  // Each part is in time order (a series' times are sorted): walked together, a merge rather than a
  // set, a sort and a map of every time, which the first draw of the stack waited for.
  const times: number[] = [];
  const values = parts.map((): (number | null)[] => []);
  const next = parts.map(() => 0);
  for (;;) {
    let t = Infinity;
    parts.forEach((p, k) => {
      if (next[k] < p.t.length && p.t[next[k]] < t) t = p.t[next[k]];
    });
    if (t === Infinity) break;
    times.push(t);
    parts.forEach((p, k) => {
      // A series with two points at one time keeps the last, as uPlot can draw only one.
      let v: number | null = null;
      while (next[k] < p.t.length && p.t[next[k]] === t) v = p.v[next[k]++];
      values[k].push(v);
    });
  }
  return [times, ...values];
}

/**
 * The value axis of a chart over the points in view: bounds and ticks on 1, 2 or 5 × 10ⁿ (bytes in
 * KiB/MiB/GiB steps), from 0 unless values go below it.
 */
export function valueAxis(columns: ChartColumns, range: TimeRange, unit: MetricUnit): { domain: [number, number]; ticks: number[] } {
  const [times, ...values] = columns;
  let lo = 0;
  let hi = -Infinity;
  // Zoomed in between two samples, no point is in view: the line between them is.
  const anyInView = times.some((t) => t >= range[0] && t <= range[1]);
  for (const column of values) {
    column.forEach((v, i) => {
      if (v === null || !Number.isFinite(v) || (anyInView && (times[i] < range[0] || times[i] > range[1]))) return;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    });
  }
  if (!Number.isFinite(hi)) hi = 1;
  const [min, max, step] = niceRange(lo, hi, unit === 'bytes' ? 1024 : 1000, [1, 2, 5, 10]);
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { domain: [min, max], ticks };
}

/** Axis and tooltip labels in UTC, as the report's charts write them (chartGeometry's timeLabel). */
export function timeTickFormatter(range: TimeRange): (ms: number) => string {
  const span = range[1] - range[0];
  return (ms) => timeLabel(ms, span);
}

/** Brush stops fall between samples; whole seconds read better for a range. */
export const formatUtcSeconds = (ms: number) => formatUtc(Math.round(ms / 1000) * 1000);


export const SERIES_COLORS = ['#2d5bd7', '#d9480f', '#0c8a6a', '#7048e8', '#c2255c', '#e8a317', '#1098ad', '#5c940d'];

export const inRange = (e: TimelineEvent, range: TimeRange) => e.atMs >= range[0] && e.atMs <= range[1];

/** Centres of neighbouring labels are at least this far apart: wider than any label ("restart +12" in 10 px type). */
export const LABEL_SPACING_PX = 64;

/**
 * Marker labels that cannot overlap on a plot `widthPx` wide: markers closer than LABEL_SPACING_PX to
 * the first of a group join it, labelled once at that marker (`deploy`, `deploy +2` for three of a
 * kind, `3 events` for three of more than one kind: a kind named for the group would hide the others).
 * Labels are centred on their marker, so centres that far apart leave the labels apart.
 */
export function markerLabels(events: readonly TimelineEvent[], range: TimeRange, widthPx: number): Map<string, string> {
  const sorted = [...events].sort((a, b) => a.atMs - b.atMs);
  const gap = ((range[1] - range[0]) * LABEL_SPACING_PX) / Math.max(1, widthPx);
  const labels = new Map<string, string>();
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j].atMs - sorted[i].atMs < gap) j++;
    const group = sorted.slice(i, j);
    const oneKind = group.every((e) => e.kind === sorted[i].kind);
    labels.set(sorted[i].id, group.length === 1 ? sorted[i].kind : oneKind ? `${sorted[i].kind} +${group.length - 1}` : `${group.length} events`);
    i = j;
  }
  return labels;
}

/**
 * The range after a zoom by `factor` (< 1 zooms in) around `atMs`, or a pan by `shift` of its width,
 * kept inside `full` and no narrower than a second. A moment outside the range (the cursor left at a
 * marker before a pan) zooms around the nearer edge instead of jumping back to it.
 */
export function zoomRange(range: TimeRange, full: TimeRange, factor: number, atMs = (range[0] + range[1]) / 2, shift = 0): TimeRange {
  const width = Math.min(full[1] - full[0], Math.max(1000, (range[1] - range[0]) * factor));
  const anchor = Math.min(range[1], Math.max(range[0], atMs));
  const at = (anchor - range[0]) / (range[1] - range[0] || 1);
  let start = anchor - at * width + shift * (range[1] - range[0]);
  start = Math.max(full[0], Math.min(full[1] - width, start));
  return [start, start + width];
}

/** The range moved, not zoomed, so that `atMs` is in its middle (as near as the full range allows). */
export function panTo(range: TimeRange, full: TimeRange, atMs: number): TimeRange {
  const width = range[1] - range[0];
  const start = Math.max(full[0], Math.min(full[1] - width, atMs - width / 2));
  return [start, start + width];
}

/**
 * The marker after (`dir` 1) or before (-1) the one whose evidence is open, in time order, wrapping
 * round; the first or the last when none of `events` is open.
 */
export function nextMarker(events: readonly TimelineEvent[], currentId: string | undefined, dir: 1 | -1): TimelineEvent | undefined {
  const sorted = [...events].sort((a, b) => a.atMs - b.atMs);
  if (sorted.length === 0) return undefined;
  const at = sorted.findIndex((e) => e.id === currentId);
  if (at < 0) return dir > 0 ? sorted[0] : sorted[sorted.length - 1];
  return sorted[(at + dir + sorted.length) % sorted.length];
}

/** The event closest in time to `ms`: a click between overlapping markers opens the nearer. */
export function nearestEvent(events: readonly TimelineEvent[], ms: number): TimelineEvent | undefined {
  let best: TimelineEvent | undefined;
  for (const e of events) if (!best || Math.abs(e.atMs - ms) < Math.abs(best.atMs - ms)) best = e;
  return best;
}

/** What a drag on the range strip moves: the window in view, or one of its edges. */
export type StripGrip = 'window' | 'start' | 'end';

/**
 * The range after dragging `grip` by `deltaMs` from where the drag began: the window keeps its width
 * and stays inside `full`; an edge stops a second short of the other one and at the ends of `full`.
 */
export function dragRange(from: TimeRange, full: TimeRange, grip: StripGrip, deltaMs: number): TimeRange {
  if (grip === 'start') return [Math.min(from[1] - 1000, Math.max(full[0], from[0] + deltaMs)), from[1]];
  if (grip === 'end') return [from[0], Math.max(from[0] + 1000, Math.min(full[1], from[1] + deltaMs))];
  const width = from[1] - from[0];
  const start = Math.max(full[0], Math.min(full[1] - width, from[0] + deltaMs));
  return [start, start + width];
}
