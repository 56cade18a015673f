import type { ClassTrendReport } from '../../../../analyzers/case/saved/heapView';
import { describeTrend } from '../../../../analyzers/core/captureTrend';
import { TrendChart } from '../../components/TrendChart';
import { chartedClasses } from '../../../../analyzers/heap/viewClassTrends';
import { formatBytes, formatCount } from '../../format';

/** Lines drawn (program classes only): more stop being readable; the table lists every class. */
const MAX_LINES = 6;

/** Per class, instances across every snapshot of the process: what keeps growing, what levelled off. */
export function ClassTrends({ trends }: { trends: ClassTrendReport }) {
  const n = trends.snapshots.length;
  const drawn = chartedClasses(trends, MAX_LINES);
  return (
    <section aria-label="Class trends">
      <h3>Trends over {n} snapshots</h3>
      <p className="muted">Instances per class in snapshot order (by the snapshots' own object ids); dashed: reached a steady size.</p>
      {drawn.length > 0 && <TrendChart captures={trends.snapshots} lines={drawn.map((c) => ({ name: c.className, trend: c.count }))} format={formatCount} label="Instances per class over the snapshots" />}
      <table className="heap-trends">
        <thead>
          <tr>
            <th>Class</th>
            <th>Trend (instances)</th>
            <th>Shallow size, first → last</th>
          </tr>
        </thead>
        <tbody>
          {trends.classes.map((c) => (
            <tr key={c.className}>
              <td>{c.className}</td>
              <td>{describeTrend(c.className, c.count, 'snapshot', formatCount).slice(c.className.length + 1)}</td>
              <td>
                {formatBytes(c.shallowBytes.values[0])} → {formatBytes(c.shallowBytes.values[n - 1])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
