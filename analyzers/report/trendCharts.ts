import type { ClassTrendReport } from '../case/saved/heapView';
import { describeTrend } from '../core/captureTrend';
import type { ReportTrendChart } from './reportModel';
import { chartedClasses, classRole } from '../heap/viewClassTrends';

/** Why a growing Array is not a finding: said where it is shown. */
export const CONTAINER_NOTE = 'a built-in container: it grows with the program objects that hold it, not a finding of its own';

/** Lines in one chart: more stop being readable; the rest are in the heap findings and the app. */
const MAX_LINES = 6;

/** The heap's class trends as a report chart: the classes still growing and those that levelled off. */
export function heapTrendCharts(trends: ClassTrendReport | undefined): ReportTrendChart[] {
  if (!trends) return [];
  const shown = chartedClasses(trends, MAX_LINES);
  if (shown.length === 0) return [];
  return [
    {
      title: `Instances per class over ${trends.snapshots.length} heap snapshots`,
      unit: 'count',
      captures: trends.snapshots,
      lines: shown.map((c) => {
        const role = classRole(c.className) === 'container' ? 'container' : 'program';
        const text = describeTrend(c.className, c.count, 'snapshot');
        return { name: c.className, values: c.count.values, shape: c.count.shape, role, text: role === 'container' ? `${text} (${CONTAINER_NOTE})` : text };
      }),
    },
  ];
}
