import { formatBytes } from '../core/byteFormat';
import { formatDuration } from '../core/durationFormat';
import { unitAfter, type MetricUnit } from '../core/timeSeries';
import { formatPercent, groupDigits } from '../core/numberFormat';

/** A value with its unit as a finding's title would say it: `7.8 GiB`, `94.8 %`, `1.4 s`, `2,000 ops/s`. */
export function formatValue(v: number, unit: MetricUnit): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(v);
    case 'ms':
      return v >= 1000 ? formatDuration(v) : `${Number(v.toFixed(1))} ms`;
    case 's':
      return formatDuration(v * 1000);
    case '%':
      return formatPercent(v);
    case '':
      return String(Number(v.toFixed(2)));
    default:
      return `${groupDigits(v)} ${unit === 'count' ? '' : unitAfter(Math.round(v), unit)}`.trim();
  }
}
