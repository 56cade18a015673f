import type { AllocSiteTrendReport } from '../case/saved/allocView';
import type { ClassTrendReport } from '../case/saved/heapView';
import type { LockTrendReport } from '../case/saved/locksView';
import { chartedLocks, lockTrendFormat } from '../locks/viewLockTrends';
import { LOCK_TOOL_NAMES } from '../locks/viewText';
import { chartedSites } from '../alloc/viewSiteTrends';
import { TOOL_NAMES } from '../alloc/viewText';
import { formatBytes } from '../core/byteFormat';
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

/** Each allocation capture series' site trends as a report chart: sites still growing and those that levelled off. */
export function allocTrendCharts(trends: readonly AllocSiteTrendReport[] | undefined): ReportTrendChart[] {
  return (trends ?? []).flatMap((t) => {
    const shown = chartedSites(t, MAX_LINES);
    if (shown.length === 0) return [];
    return [
      {
        title: `Bytes per allocation site over ${t.captures.length} captures (${TOOL_NAMES[t.tool]})`,
        unit: 'bytes' as const,
        captures: t.captures,
        lines: shown.map((s) => ({ name: s.label, values: s.bytes.values, shape: s.bytes.shape, role: 'program' as const, text: describeTrend(s.label, s.bytes, 'capture', formatBytes) })),
      },
    ];
  });
}

/** Each lock capture series' trends as a report chart, in seconds (per second of capture when every capture has a length). */
export function lockTrendCharts(trends: readonly LockTrendReport[] | undefined): ReportTrendChart[] {
  return (trends ?? []).flatMap((t) => {
    const shown = chartedLocks(t, MAX_LINES);
    if (shown.length === 0) return [];
    const format = lockTrendFormat(t);
    return [
      {
        title: `${t.timeWord[0].toUpperCase()}${t.timeWord.slice(1)} per lock${t.perSecond ? ' (seconds per second of capture)' : ' (seconds)'} over ${t.captures.length} captures (${LOCK_TOOL_NAMES[t.tool]})`,
        unit: 'seconds' as const,
        captures: t.captures,
        lines: shown.map((l) => ({ name: l.label, values: l.wait.values.map((ns) => ns / 1e9), shape: l.wait.shape, role: 'program' as const, text: describeTrend(l.label, l.wait, 'capture', format) })),
      },
    ];
  });
}
