import type { FigureStatus } from '../case/saved/regression';
import type { EvidenceItem } from '../core/finding';
import { formatBytes } from '../core/byteFormat';
import { formatNanos } from '../locks/viewText';
import { formatDuration } from '../core/durationFormat';
import { unitAfter, type MetricUnit } from '../core/timeSeries';
import { formatPercent, groupDigits } from '../core/numberFormat';
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
  if (unit === '%') return formatPercent(value);
  if (unit === '' || unit === 'count') return formatNumber(value);
  return `${formatNumber(value)} ${unitAfter(value, unit)}`;
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
      // Under a second in ms; from one second on as people say a duration ("6 s", "4 h", not "6,000 ms"),
      // as the findings' titles say it (timeline/valueText.ts).
      return item.value >= 1000 ? formatDuration(item.value) : `${formatNumber(item.value)} ms`;
    case 'ns':
      // Lock waits: perf's own units first, the exact count after.
      return item.value >= 1000 ? `${formatNanos(item.value)} (${groupDigits(item.value)} ns)` : `${formatNumber(item.value)} ns`;
    case '%':
      return formatPercent(item.value);
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
