import type { FindingOf } from '../../core/analysisContract';
import { formatBytes } from '../../core/byteFormat';
import { describeTrend } from '../../core/captureTrend';
import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { bytes } from '../../core/units';
import type { HeapAnalysisId } from '../analysisIds';
import type { ClassTrendReport } from '../classTrends';
import { isContainerClass, isRuntimeClass } from '../viewClassTrends';

/**
 * A program class still growing across the snapshots, as a finding that joins the leak finding
 * holding most of that growth when there is one (`population`). Classes that reached their steady
 * size, or grew without a steady direction, stay in the view and its chart, not in the findings.
 * `totalBytesFinal` and `heapGrowthBytes` size it against the heap, as a leak cluster is sized, so
 * a few KiB of steady rise in a heap of megabytes weighs as little as it does.
 */
export function trendFindings(report: ClassTrendReport, totalBytesFinal: number, heapGrowthBytes: number): FindingOf<HeapAnalysisId>[] {
  const n = report.snapshots.length;
  return report.classes
    .filter((c) => c.count.shape === 'growing' && !isRuntimeClass(c.className) && !isContainerClass(c.className))
    .map((c, i) => {
      const values = c.shallowBytes.values;
      const grownBytes = bytes(Math.max(0, values[n - 1] - values[0]));
      const impact: FindingImpact = {
        retained: { bytes: bytes(values[n - 1]), share: totalBytesFinal > 0 ? values[n - 1] / totalBytesFinal : 0, state: 'live' },
        growth: {
          grownBytes,
          grownObjects: c.count.values[n - 1] - c.count.values[0],
          observations: n,
          timeBase: 'none',
          ...(heapGrowthBytes > 0 ? { shareOfGrowth: Math.min(1, grownBytes / heapGrowthBytes) } : {}),
        },
      };
      const trend = describeTrend(c.className, c.count, 'snapshot');
      return {
        id: `heap.class-trend.${i}`,
        analysis: 'heap.trends',
        category: 'memory-growth' as const,
        severity: severityOf(impact),
        impact,
        subject: { key: `heap.class-trend:${c.className}`, population: c.className },
        title: `${trend}: still growing across ${n} snapshots`,
        detail: `${c.className} instances per snapshot: ${c.count.values.join(' → ')}; their own size ${values.map((v) => formatBytes(v)).join(' → ')}. The count rose in ${c.count.monotonicCaptures - 1} of ${n - 1} steps and a line explains it (R² ${c.count.r2.toFixed(2)}); it has not levelled off in the last snapshots, as a cache or pool that reached its bound would.`,
        evidence: [
          { label: 'trend', value: trend },
          { label: `${c.className} per snapshot`, value: c.count.values.join(' → ') },
          { label: 'shallow size added', value: grownBytes, unit: 'bytes' as const },
          { label: 'R²', value: Number(c.count.r2.toFixed(3)), unit: 'ratio' as const },
        ],
        paths: [],
        suggestedFix: `Find what keeps adding ${c.className} objects without releasing them (the leak finding of ${c.className}, when there is one, names the holder and the code); a bounded structure would level off.`,
        sources: report.snapshots,
      };
    });
}
