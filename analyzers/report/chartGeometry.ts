import type { Severity } from '../core/finding';
import type { TimelineEventKind } from '../case/saved/timelineView';
import { formatBytes } from '../core/byteFormat';
import type { ReportChart, ReportCharts } from './reportModel';

/**
 * The geometry of one small-multiple line chart, in SVG user units: computed once here and drawn by
 * both the HTML exporter (as an SVG string) and the report view (as React SVG elements).
 */
export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** SVG path data of the line; empty when the series has no point in the domain. */
  path: string;
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  /** `x2` past `x` for an event that lasts (an alert firing): its band ends there. */
  markers: { x: number; x2?: number; kind: TimelineEventKind; title: string }[];
  /** `own` bands were detected on this very series; the others are shown faintly for context. */
  bands: { x1: number; x2: number; label: string; severity: Severity; own: boolean }[];
}

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#b3001b',
  high: '#d9480f',
  medium: '#e8a317',
  low: '#3b82c4',
  info: '#6b7078',
};

export const MARKER_COLORS: Record<TimelineEventKind, string> = {
  deploy: '#2d5bd7',
  config: '#0f8b8d',
  alert: '#d9480f',
  oom: '#b3001b',
  restart: '#7b3fc4',
  note: '#6b7078',
  finding: '#1d1f24',
};

const MARGIN = { left: 64, right: 12, top: 8, bottom: 22 };
const DAY_MS = 86_400_000;
const TIME_STEPS_MS = [1, 5, 10, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600].map((s) => s * 1000);
/** Past the longest of TIME_STEPS_MS, ticks fall on the first of a month, every this many months (then whole years). */
const MONTH_STEPS = [1, 2, 3, 6];
/** The times a JavaScript Date can hold: a damaged time beyond them gets ticks in whole weeks. */
const DATE_LIMIT_MS = 8.64e15;

export function chartGeometry(chart: ReportChart, charts: ReportCharts, width = 760, height = 150): ChartGeometry {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  const { startMs, endMs } = charts.domain;
  const span = endMs - startMs || 1;
  const x = (t: number) => plot.left + ((t - startMs) / span) * (plot.right - plot.left);
  const inDomain = (t: number) => t >= startMs && t <= endMs;

  const values = chart.v.filter(Number.isFinite);
  const [lo, hi, step] = niceRange(values.length ? Math.min(0, ...values) : 0, values.length ? Math.max(...values) : 1, chart.unit === 'bytes' ? 1024 : 1000);
  const y = (v: number) => plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top);

  const points: string[] = [];
  for (let i = 0; i < chart.t.length; i++) {
    if (!Number.isFinite(chart.v[i]) || !inDomain(chart.t[i])) continue;
    points.push(`${points.length === 0 ? 'M' : 'L'}${x(chart.t[i]).toFixed(1)} ${y(chart.v[i]).toFixed(1)}`);
  }
  const yTicks: ChartGeometry['yTicks'] = [];
  for (let v = lo; v <= hi + step / 2; v += step) yTicks.push({ y: y(v), label: axisLabel(roundTo(v, step), chart.unit) });

  return {
    width,
    height,
    plot,
    path: points.join(''),
    yTicks,
    xTicks: timeTicks(startMs, endMs).map((t) => ({ x: x(t), label: timeLabel(t, span) })),
    markers: charts.markers
      .filter((m) => inDomain(m.atMs))
      .map((m) => ({ x: x(m.atMs), ...(m.endMs !== undefined && m.endMs > m.atMs ? { x2: x(Math.min(m.endMs, endMs)) } : {}), kind: m.kind, title: m.title })),
    bands: charts.bands
      .filter((b) => b.endMs >= startMs && b.startMs <= endMs)
      .map((b) => ({
        x1: x(Math.max(b.startMs, startMs)),
        x2: Math.max(x(Math.min(b.endMs, endMs)), x(Math.max(b.startMs, startMs)) + 2),
        label: b.label,
        severity: b.severity,
        own: b.seriesIds.includes(chart.seriesId),
      })),
  };
}

/**
 * Axis bounds on round numbers (by default 1, 2, 2.5 or 5 × 10ⁿ; the live timeline asks for
 * 1, 2 or 5) with about four steps between them; byte axes (`base` 1024) are rounded in
 * KiB/MiB/GiB so their labels read 2 GiB, not 2.3 GiB.
 */
export function niceRange(min: number, max: number, base: number, multiples: readonly number[] = [1, 2, 2.5, 5, 10]): [number, number, number] {
  if (max === min) max = min + (Math.abs(min) || 1);
  if (base !== 1024) return roundRange(min, max, 1, multiples, false);
  const unit = 1024 ** Math.max(0, Math.floor(Math.log(Math.max(Math.abs(min), Math.abs(max))) / Math.log(1024)));
  const range = roundRange(min, max, unit, multiples, true);
  // formatBytes writes 1000 KiB as `1.0 MiB`: an axis that would reach it steps in MiB instead, so its
  // ticks read 256, 512, 768 KiB and 1 MiB, not 500 KiB and a `1 MiB` that is 1000 KiB.
  if (Math.max(Math.abs(range[0]), Math.abs(range[1])) < 1000 * unit) return range;
  const larger = roundRange(min, max, unit * 1024, multiples, true);
  // Unless the span is too narrow for a whole step of bytes there (1000–1010 B): then its own unit's.
  return Number.isInteger(larger[2]) ? larger : range;
}

/** About four steps of `multiples` × 10ⁿ × `unit` from `min` to `max`. */
function roundRange(min: number, max: number, unit: number, multiples: readonly number[], bytes: boolean): [number, number, number] {
  const raw = (max - min) / unit / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const steps = [...multiples, 10].map((m) => m * magnitude * unit);
  // Bytes come whole where a whole step is on offer: a step of a part of a MiB is 256 or 512 KiB, never
  // 0.2 MiB labelled 204.8 KiB. A narrow span of a large unit (3.9–4.1 GiB) has none: it keeps its
  // fractional step rather than one of a byte (two hundred million ticks). A byte axis never steps below 1 B.
  const whole = bytes ? steps.filter((s) => Number.isInteger(s)) : steps;
  const step = whole.find((s) => s >= raw * unit) ?? Math.max(steps.find((s) => s >= raw * unit) ?? 10 * magnitude * unit, bytes ? 1 : 0);
  return [Math.floor(min / step) * step, Math.ceil(max / step) * step, step];
}

const roundTo = (v: number, step: number) => Math.round(v / step) * step;

/** Short tick labels (`2 GiB`, `7.5k`, `250`): the unit is in the chart's caption. */
export function axisLabel(v: number, unit: string): string {
  if (unit === 'bytes') return formatBytes(v).replace('.0 ', ' ');
  if (unit === 'seconds') return `${Number(v.toPrecision(3))} s`;
  const abs = Math.abs(v);
  for (const [div, suffix] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) {
    if (abs >= div) return `${Number((v / div).toPrecision(3))}${suffix}`;
  }
  return String(Number(v.toPrecision(3)));
}

/**
 * Ticks on round times, at most about seven: 1 s … 2 week steps (whole multiples since the epoch),
 * then the first of every 1, 2, 3 or 6 months, then the first of January every 1, 2 or 5 × 10ⁿ years.
 */
export function timeTicks(startMs: number, endMs: number): number[] {
  const step = TIME_STEPS_MS.find((s) => (endMs - startMs) / s <= 7);
  if (step) return everyStep(startMs, endMs, step);
  if (Math.max(Math.abs(startMs), Math.abs(endMs)) > DATE_LIMIT_MS) {
    // A span of centuries past what a Date holds (a damaged time) still gets seven ticks, not millions.
    const week = 7 * DAY_MS;
    return everyStep(startMs, endMs, Math.ceil((endMs - startMs) / 7 / week) * week);
  }
  return monthTicks(startMs, endMs);
}

function everyStep(startMs: number, endMs: number, step: number): number[] {
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) ticks.push(t);
  return ticks;
}

/** Months counted from year 0, so that a step of 12 × N months lands on every N-th year's January. */
const monthOf = (ms: number) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth();
// setUTCFullYear, not Date.UTC: that one reads the years 0 to 99 as 1900 to 1999.
const firstOfMonth = (month: number) => new Date(0).setUTCFullYear(Math.floor(month / 12), ((month % 12) + 12) % 12, 1);
const MONTH_MS = 30.44 * DAY_MS;

/** Months between the ticks of a span past TIME_STEPS_MS: 1, 2, 3 or 6, then 12 × 1, 2 or 5 × 10ⁿ. */
function monthStep(spanMs: number): number {
  const months = spanMs / MONTH_MS;
  const fewMonths = MONTH_STEPS.find((m) => months / m <= 7);
  if (fewMonths) return fewMonths;
  const years = months / 12 / 7;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(years)));
  return 12 * ([1, 2, 5, 10].map((m) => m * magnitude).find((y) => y >= years) ?? 10 * magnitude);
}

function monthTicks(startMs: number, endMs: number): number[] {
  const step = monthStep(endMs - startMs);
  const ticks: number[] = [];
  let month = Math.ceil(monthOf(startMs) / step) * step;
  if (firstOfMonth(month) < startMs) month += step;
  for (; firstOfMonth(month) <= endMs; month += step) ticks.push(firstOfMonth(month));
  return ticks;
}

/**
 * A tick's UTC label, as short as its step allows: seconds within ten minutes; the clock time within a
 * day; over days and weeks the date at midnight and the clock time between; over months the month,
 * over years the year.
 */
export function timeLabel(t: number, spanMs: number): string {
  // A damaged time no Date can hold gets a tick without a label rather than a thrown RangeError.
  if (!(Math.abs(t) <= DATE_LIMIT_MS)) return '';
  const iso = new Date(t).toISOString();
  if (spanMs > TIME_STEPS_MS[TIME_STEPS_MS.length - 1] * 7) return monthStep(spanMs) < 12 ? iso.slice(0, 7) : iso.slice(0, 4);
  if (spanMs > DAY_MS) return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
  return spanMs < 600_000 ? iso.slice(11, 19) : iso.slice(11, 16);
}
