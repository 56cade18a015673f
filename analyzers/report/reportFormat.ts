import type { EvidenceItem } from '../core/finding';
import { formatBytes } from '../core/byteFormat';
import type { MetricUnit } from '../timeline/view';
import { formatNanos } from '../locks/nanosText';

/** `2026-11-25 17:00:01 UTC` (milliseconds only when the input has them): incidents are told in UTC. */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  const withMs = iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${withMs.replace('T', ' ')} UTC`;
}

/** `45 s`, `12 min 05 s`, `2 h 05 min`, `3 d 4 h`: two units are enough to read an incident's length. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const sign = ms < 0 ? '-' : '';
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 1) return `${sign}${Math.round(Math.abs(ms))} ms`;
  if (s < 60) return `${sign}${s} s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  if (s < 86_400) return `${sign}${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
  return `${sign}${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

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
      return `${formatBytes(item.value)} (${item.value.toLocaleString('en-US')} bytes)`;
    case 'bytes/h':
      return `${formatBytes(item.value)}/h`;
    case 'ms':
      // "60,000 ms" reads better with "(1 min 00 s)" beside it; short latencies stay as they are.
      return item.value >= 10_000 ? `${formatNumber(item.value)} ms (${formatDuration(item.value)})` : `${formatNumber(item.value)} ms`;
    case 'ns':
      // Lock waits: perf's own units first, the exact count after.
      return item.value >= 1000 ? `${formatNanos(item.value)} (${item.value.toLocaleString('en-US')} ns)` : `${formatNumber(item.value)} ns`;
    case 'ratio':
    case 'count':
    case undefined:
      return formatNumber(item.value);
    default:
      return `${formatNumber(item.value)} ${item.unit}`;
  }
}
