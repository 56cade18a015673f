import type { CaptureComparison } from '../../../../analyzers/case/saved/locksView';
import { formatShare } from '../../../../analyzers/core/numberFormat';
import { formatNanos } from '../../../../analyzers/locks/viewText';
import { formatCount, signed } from '../../format';

/** Before/after: the overall change, then per caller. */
export function ComparisonTable({ comparison: c }: { comparison: CaptureComparison }) {
  const rows: [string, string, string][] = [
    [`Total ${c.timeWord}`, formatNanos(c.beforeTotalNs), formatNanos(c.afterTotalNs)],
    ['Contended acquisitions', formatCount(c.beforeContended), formatCount(c.afterContended)],
  ];
  if (c.beforeNsPerSecond !== undefined && c.afterNsPerSecond !== undefined) {
    rows.push([`${c.timeWord} per second of capture`, formatNanos(c.beforeNsPerSecond), formatNanos(c.afterNsPerSecond)]);
    rows.push(['Contended acquisitions per second', formatCount(Math.round(c.beforeContendedPerSecond ?? 0)), formatCount(Math.round(c.afterContendedPerSecond ?? 0))]);
  }
  if (c.beforeTopLockShare !== undefined && c.afterTopLockShare !== undefined) rows.push(['Hottest lock’s share', formatShare(c.beforeTopLockShare), formatShare(c.afterTopLockShare)]);
  rows.push(['Locks waited on', formatCount(c.beforeLocks), formatCount(c.afterLocks)]);
  return (
    <div className="locks-box" aria-label={`Comparison of ${c.before} and ${c.after}`}>
      <h4>
        {c.before} → {c.after}: {c.ratio < 1 ? `${formatShare(1 - c.ratio)} less` : `${formatShare(c.ratio - 1)} more`} {c.timeWord}
      </h4>
      <table className="locks-compare">
        <thead>
          <tr>
            <th />
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, before, after]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>{before}</td>
              <td>{after}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="locks-compare">
        <thead>
          <tr>
            <th>Caller</th>
            <th>Before</th>
            <th>After</th>
            <th>Change</th>
            <th>Contended before → after</th>
          </tr>
        </thead>
        <tbody>
          {c.callers.slice(0, 50).map((d) => (
            <tr key={d.label}>
              <th>
                <code>{d.label}</code>
              </th>
              <td>{formatNanos(d.beforeNs)}</td>
              <td>{formatNanos(d.afterNs)}</td>
              <td className={d.deltaNs < 0 ? 'better' : d.deltaNs > 0 ? 'worse' : ''}>{signed(d.deltaNs, formatNanos)}</td>
              <td>
                {formatCount(d.beforeCount)} → {formatCount(d.afterCount)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
