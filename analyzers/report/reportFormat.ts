import type { FigureStatus } from '../case/saved/regression';
import type { EvidenceItem } from '../core/finding';
import { formatBytes } from '../core/byteFormat';
import { formatNanos } from '../locks/viewText';
import { formatDuration } from '../core/durationFormat';
import type { MetricUnit } from '../core/timeSeries';
import { groupDigits } from '../core/numberFormat';
import type { ReportTimelineEntry } from './reportModel';

/** A number for prose and tables: grouped thousands, at most three significant decimals. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 1 ? 2 : 3;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A metric value with its unit as the input stated it. */
export function formatMetric(value: number, unit: MetricUnit): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === '' || unit === 'count') return formatNumber(value);
  return `${formatNumber(value)} ${unit}`;
}

/** An evidence value with its unit; strings are shown as the analyzer wrote them. */
export function formatEvidence(item: EvidenceItem): string {
  if (typeof item.value === 'string') return item.value;
  switch (item.unit) {
    case 'bytes':
      return `${formatBytes(item.value)} (${groupDigits(item.value)} bytes)`;
    case 'bytes/h':
      return `${formatBytes(item.value)}/h`;
    case 'ms':
      // Short latencies stay in ms; from 10 s on a duration reads as people say it ("4 h", not "14,400,000 ms").
      return item.value >= 10_000 ? formatDuration(item.value) : `${formatNumber(item.value)} ms`;
    case 'ns':
      // Lock waits: perf's own units first, the exact count after.
      return item.value >= 1000 ? `${formatNanos(item.value)} (${groupDigits(item.value)} ns)` : `${formatNumber(item.value)} ns`;
    case 'ratio':
    case 'count':
    case undefined:
      return formatNumber(item.value);
    default:
      return `${formatNumber(item.value)} ${item.unit}`;
  }
}

/** A gate figure's verdict in one word, as the report, the CLI and the UI print it. */
export const STATUS_WORDS: Record<FigureStatus, string> = { regressed: 'REGRESSED', noise: 'within noise', 'within-limit': 'ok', improved: 'improved', 'not-comparable': 'not comparable' };

/** A timeline row's source, with what other inputs said of the same happening. */
export function timelineSource(entry: Pick<ReportTimelineEntry, 'source' | 'alsoIn'>): string {
  return [entry.source, ...(entry.alsoIn ?? []).map((o) => `${o.source}: “${o.title}”`)].join('; ');
}
