import type { LockTrend, LockTrendReport } from './lockTrends';
import { formatNanos } from './viewText';

/** How a trend's values read: ns per second of capture, or total ns. */
export const lockTrendFormat =
  (report: Pick<LockTrendReport, 'perSecond'>) =>
  (v: number): string =>
    report.perSecond ? `${formatNanos(v)}/s` : formatNanos(v);

/** How the view says what ordered the captures. */
export const LOCK_TREND_ORDER: Record<LockTrendReport['orderedBy'], string> = {
  timestamps: 'in the order of their own start times',
  'file order': 'in the order given: the captures carry no time to order them by',
};

/** The locks worth a line in a chart: wait still growing, or levelled off after a rise. */
export function chartedLocks(report: LockTrendReport, max: number): LockTrend[] {
  return report.locks.filter((l) => l.wait.shape === 'growing' || l.wait.shape === 'plateau').slice(0, max);
}
