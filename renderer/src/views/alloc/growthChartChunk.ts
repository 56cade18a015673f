import { lazy, useEffect } from 'react';

// recharts, with the d3, redux and immer it brings, is ~950 kB of the page's 2.2 MB script and this chart
// alone draws with it: kept out of the script the page compiles at its load, while `aftermath serve`
// analyzes its files on the same cores, and loaded when the page is idle after a result that has a chart.
const load = () => import('./GrowthChart');

export const GrowthChart = lazy(() => load().then((m) => ({ default: m.GrowthChart })));

/** Loads the chart's code when the page is next idle, so that the Native memory tab's first visit finds it. */
export function useGrowthChartAhead(needed: boolean): void {
  useEffect(() => {
    if (!needed) return;
    if (typeof requestIdleCallback !== 'function') {
      void load();
      return;
    }
    const idle = requestIdleCallback(() => void load(), { timeout: 1000 });
    return () => cancelIdleCallback(idle);
  }, [needed]);
}
