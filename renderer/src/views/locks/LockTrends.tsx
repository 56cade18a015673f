import type { LockTrendReport } from '../../../../analyzers/case/saved/locksView';
import { describeTrend } from '../../../../analyzers/core/captureTrend';
import { chartedLocks, LOCK_TREND_ORDER, lockTrendFormat } from '../../../../analyzers/locks/viewLockTrends';
import { LOCK_TOOL_NAMES } from '../../../../analyzers/locks/viewText';
import { TrendChart } from '../../components/TrendChart';

/** Lines drawn: more stop being readable; the table lists every lock that changed. */
const MAX_LINES = 6;

/** Per lock, its wait across the captures of one program: what keeps growing, what levelled off. */
export function LockTrends({ trends }: { trends: LockTrendReport }) {
  const n = trends.captures.length;
  const format = lockTrendFormat(trends);
  const drawn = chartedLocks(trends, MAX_LINES);
  return (
    <section aria-label={`Lock trends over ${n} captures`}>
      <h3>
        Trends over {n} captures ({LOCK_TOOL_NAMES[trends.tool]})
      </h3>
      <p className="muted">
        {trends.timeWord[0].toUpperCase() + trends.timeWord.slice(1)} per lock{trends.perSecond ? ' per second of capture' : ''}, {LOCK_TREND_ORDER[trends.orderedBy]}; dashed: levelled off.
      </p>
      {drawn.length > 0 && <TrendChart captures={trends.captures} lines={drawn.map((l) => ({ name: l.label, trend: l.wait }))} format={format} label={`${trends.timeWord} per lock over the captures`} />}
      <table className="lock-trends">
        <thead>
          <tr>
            <th>Lock</th>
            <th>Trend ({trends.timeWord})</th>
            <th>Contended acquisitions</th>
          </tr>
        </thead>
        <tbody>
          {trends.locks.map((l) => (
            <tr key={`${l.label} ${l.lockType ?? ''}`}>
              <td>{l.label}</td>
              <td>{describeTrend(l.label, l.wait, 'capture', format).slice(l.label.length + 1)}</td>
              <td>{l.contended.join(' → ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
