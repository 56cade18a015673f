import type { ClassTrendReport } from '../../../../analyzers/case/saved/heapView';
import { describeTrend } from '../../../../analyzers/core/captureTrend';
import { TrendChart } from '../../components/TrendChart';
import { byRole, chartedClasses, classRole, type ClassRole } from '../../../../analyzers/heap/viewClassTrends';
import { formatBytes, formatCount } from '../../format';

/** Lines drawn (program classes only): more stop being readable; the table lists every class. */
const MAX_LINES = 6;

/** What each kind of class is to the findings, in the order the table lists them. */
const KIND: Record<ClassRole, string> = {
  program: 'program',
  container: 'built-in container: grows with what holds it',
  runtime: "V8's own: grows with whatever runs",
};

/** Per class, instances across every snapshot of the process: what keeps growing, what levelled off. */
export function ClassTrends({ trends }: { trends: ClassTrendReport }) {
  const n = trends.snapshots.length;
  const drawn = chartedClasses(trends, MAX_LINES);
  return (
    <section aria-label="Class trends">
      <h3>Trends over {n} snapshots</h3>
      <p className="muted">Instances per class in snapshot order (by the snapshots' own object ids); dashed: reached a steady size. The program's classes come first: findings are about them, not the containers and V8 groups that grow with them.</p>
      {drawn.length > 0 && <TrendChart captures={trends.snapshots} lines={drawn.map((c) => ({ name: c.className, trend: c.count }))} format={formatCount} label="Instances per class over the snapshots" />}
      <table className="heap-trends">
        <thead>
          <tr>
            <th>Class</th>
            <th>Trend (instances)</th>
            <th>Shallow size, first → last</th>
            <th>Kind</th>
          </tr>
        </thead>
        <tbody>
          {byRole(trends.classes).map((c) => (
            <tr key={c.className}>
              <td>{c.className}</td>
              <td>{describeTrend(c.className, c.count, 'snapshot', formatCount).slice(c.className.length + 1)}</td>
              <td>
                {formatBytes(c.shallowBytes.values[0])} → {formatBytes(c.shallowBytes.values[n - 1])}
              </td>
              <td>{KIND[classRole(c.className)]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
