import { describeTrend } from '../core/captureTrend';
import type { Finding } from '../core/finding';
import { groupDigits } from '../core/numberFormat';
import { lockFinding } from './diagnoses/contract';
import type { LockTrend, LockTrendReport } from './lockTrends';
import type { LockSummary } from './summary';
import { LOCK_TREND_ORDER, lockTrendFormat } from './viewLockTrends';

/**
 * A lock whose wait keeps growing across the captures of one program (over time, or as the load
 * was raised capture by capture) is a finding about that lock: it joins the lock's other diagnoses
 * (same subject), sized by the lock's share of the last capture's wait. Locks whose wait levelled
 * off or moved without a direction stay in the view and its chart.
 */
export function lockTrendFindings(report: LockTrendReport, last: LockSummary): Finding[] {
  const n = report.captures.length;
  const format = lockTrendFormat(report);
  const lastTotal = report.totalWait[n - 1];
  return report.locks
    .filter((l) => l.wait.shape === 'growing')
    .map((l: LockTrend, i) => {
      const values = l.wait.values;
      const name = `${l.label} ${report.timeWord}`;
      const trend = describeTrend(name, l.wait, 'capture', format);
      const finding = lockFinding(last, {
        id: `locks.trend.${i}`,
        analysis: 'locks.trends',
        share: lastTotal > 0 ? values[n - 1] / lastTotal : 0,
        about: { label: l.label, ...(l.address ? { address: l.address } : {}) },
        title: `${trend}: still growing across ${n} captures`,
        detail:
          `${report.timeWord[0].toUpperCase()}${report.timeWord.slice(1)} on ${l.label}${report.perSecond ? ' per second of capture' : ''}, capture by capture (${LOCK_TREND_ORDER[report.orderedBy]}): ${values.map(format).join(' → ')}; contended acquisitions ${l.contended.map(groupDigits).join(' → ')}. ` +
          `It rose in ${l.wait.monotonicCaptures - 1} of ${n - 1} steps and a line explains it (R² ${l.wait.r2.toFixed(2)}): each capture, more of the threads' time goes to waiting for this one lock.`,
        evidence: [
          { label: 'trend', value: trend },
          { label: `${report.timeWord} per capture`, value: values.map(format).join(' → ') },
          { label: 'contended acquisitions per capture', value: l.contended.map(groupDigits).join(' → ') },
          { label: 'R²', value: Number(l.wait.r2.toFixed(3)), unit: 'ratio' },
        ],
        paths: [],
        suggestedFix: `Take less under ${l.label}, or split it (one lock per key or shard): a wait that grows with every capture is a lock the program has outgrown.`,
      });
      return { ...finding, sources: report.captures };
    });
}
