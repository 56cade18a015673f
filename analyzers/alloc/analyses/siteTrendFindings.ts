import type { FindingOf } from '../../core/analysisContract';
import { formatBytes } from '../../core/byteFormat';
import { describeTrend } from '../../core/captureTrend';
import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { bytes } from '../../core/units';
import type { AllocAnalysisId } from '../analysisIds';
import type { AllocSiteTrendReport } from '../siteTrends';
import { ORDER_TEXT } from '../viewSiteTrends';
import { TOOL_NAMES } from '../viewText';

/**
 * An allocation site still growing across the captures of one process. It is sized as the other
 * allocation findings are, against the memory of the last capture and the growth of all of them, so
 * a site adding a few KiB to megabytes is only "also found". Sites that reached a steady size, or
 * moved without a direction, stay in the view and its chart.
 */
export function siteTrendFindings(report: AllocSiteTrendReport): FindingOf<AllocAnalysisId>[] {
  const n = report.captures.length;
  const totalLast = report.totalBytes[n - 1];
  const totalGrowth = totalLast - report.totalBytes[0];
  return report.sites
    .filter((s) => s.bytes.shape === 'growing')
    .map((s) => {
      const values = s.bytes.values;
      const grownBytes = bytes(Math.max(0, values[n - 1] - values[0]));
      const impact: FindingImpact = {
        retained: { bytes: bytes(values[n - 1]), share: totalLast > 0 ? values[n - 1] / totalLast : 0, state: 'live' },
        growth: { grownBytes, observations: n, timeBase: 'none', ...(totalGrowth > 0 ? { shareOfGrowth: Math.min(1, grownBytes / totalGrowth) } : {}) },
      };
      const name = s.objectType ? `${s.objectType} at ${s.label}` : s.label;
      const trend = describeTrend(name, s.bytes, 'capture', formatBytes);
      return {
        id: 'alloc.site-trend.0',
        analysis: 'alloc.site-trends' as const,
        category: 'memory-growth' as const,
        severity: severityOf(impact),
        impact,
        subject: { key: `alloc.site-trend:${s.key}` },
        title: `${trend}: still growing across ${n} captures (${TOOL_NAMES[report.tool]})`,
        detail:
          `Memory in use allocated at ${s.key}, capture by capture (${ORDER_TEXT[report.orderedBy]}): ${values.map((v) => formatBytes(v)).join(' → ')}. ` +
          `It rose in ${s.bytes.monotonicCaptures - 1} of ${n - 1} steps and a line explains it (R² ${s.bytes.r2.toFixed(2)}); it has not levelled off in the last captures, as a cache or pool that reached its bound would.`,
        evidence: [
          { label: 'trend', value: trend },
          { label: 'bytes per capture', value: values.map((v) => formatBytes(v)).join(' → ') },
          { label: 'bytes added', value: grownBytes, unit: 'bytes' as const },
          { label: 'R²', value: Number(s.bytes.r2.toFixed(3)), unit: 'ratio' as const },
        ],
        paths: [{ label: 'allocation stack (innermost first, library frames folded)', steps: s.path }],
        suggestedFix: `Find what keeps the objects allocated at ${s.label} alive from one capture to the next (a list, map or listener registry that only grows) and bound it: evict, cap or unregister; a bounded structure would level off.`,
        sources: report.captures,
      };
    });
}
