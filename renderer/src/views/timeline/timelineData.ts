import type { TimelineEvent, TimelineView } from '../../../../analyzers/case/saved/timelineView';
import { niceRange, timeLabel } from '../../../../analyzers/report/chartGeometry';
import { formatUtc } from '../../../../analyzers/core/timeFormat';
import type { MetricUnit } from '../../../../analyzers/core/timeSeries';
import type { MetricSeries } from '../../../../analyzers/core/timeSeries';

/** One chart: the series sharing a unit, merged into rows keyed by time for recharts. */
export interface ChartGroup {
  unit: MetricUnit;
  series: MetricSeries[];
  rows: Record<string, number>[];
}

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

/**
 * Series grouped by unit (memory and its limit on one chart, latencies on another), each group's
 * points merged into rows `{ t, [seriesIndex]: value }` inside the visible range, so zooming in
 * draws fewer points instead of clipping the same ones.
 */
export function chartGroups(series: readonly MetricSeries[], range: TimeRange): ChartGroup[] {
  const byUnit = new Map<MetricUnit, MetricSeries[]>();
  for (const s of series) byUnit.set(s.unit, [...(byUnit.get(s.unit) ?? []), s]);
  return [...byUnit.entries()].map(([unit, list]) => {
    const rows = new Map<number, Record<string, number>>();
    list.forEach((s, k) => {
      for (let i = 0; i < s.t.length; i++) {
        const t = s.t[i];
        // One point either side of the range keeps the line running to the chart's edges.
        if ((t < range[0] && s.t[i + 1] !== undefined && s.t[i + 1] < range[0]) || (t > range[1] && i > 0 && s.t[i - 1] > range[1])) continue;
        let row = rows.get(t);
        if (!row) rows.set(t, (row = { t }));
        row[`s${k}`] = s.v[i];
      }
    });
    return { unit, series: list, rows: [...rows.values()].sort((a, b) => a.t - b.t) };
  });
}

/**
 * The value axis of a chart over the rows in view: bounds and ticks on 1, 2 or 5 × 10ⁿ (bytes in
 * KiB/MiB/GiB steps), from 0 unless values go below it.
 */
export function valueAxis(group: ChartGroup, range: TimeRange): { domain: [number, number]; ticks: number[] } {
  let lo = 0;
  let hi = -Infinity;
  for (const row of group.rows) {
    if (row.t < range[0] || row.t > range[1]) continue;
    for (const [k, v] of Object.entries(row)) {
      if (k === 't' || !Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(hi)) hi = 1;
  const [min, max, step] = niceRange(lo, hi, group.unit === 'bytes' ? 1024 : 1000, [1, 2, 5, 10]);
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

/**
 * Marker labels that cannot overlap: markers closer than `minGap` of the range's width are one
 * group, labelled once at its first marker (`deploy`, or `deploy +2` for three). Events in time order.
 */
export function markerLabels(events: readonly TimelineEvent[], range: TimeRange, minGap = 0.06): Map<string, string> {
  const sorted = [...events].sort((a, b) => a.atMs - b.atMs);
  const gap = (range[1] - range[0]) * minGap;
  const labels = new Map<string, string>();
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j].atMs - sorted[i].atMs < gap) j++;
    labels.set(sorted[i].id, j - i > 1 ? `${sorted[i].kind} +${j - i - 1}` : sorted[i].kind);
    i = j;
  }
  return labels;
}

/**
 * The range after a zoom by `factor` (< 1 zooms in) around `atMs`, or a pan by `shift` of its width,
 * kept inside `full` and no narrower than a second.
 */
export function zoomRange(range: TimeRange, full: TimeRange, factor: number, atMs = (range[0] + range[1]) / 2, shift = 0): TimeRange {
  const width = Math.min(full[1] - full[0], Math.max(1000, (range[1] - range[0]) * factor));
  const at = Math.min(1, Math.max(0, (atMs - range[0]) / (range[1] - range[0] || 1)));
  let start = atMs - at * width + shift * (range[1] - range[0]);
  start = Math.max(full[0], Math.min(full[1] - width, start));
  return [start, start + width];
}
