import type { ClassTrendReport } from '../case/saved/heapView';
import { describeTrend } from '../core/captureTrend';
import type { ReportTrendChart } from './reportModel';
import { chartedClasses } from '../heap/viewClassTrends';

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
      lines: shown.map((c) => ({ name: c.className, values: c.count.values, shape: c.count.shape, text: describeTrend(c.className, c.count, 'snapshot') })),
    },
  ];
}
