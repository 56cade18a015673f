import { CancelTicks } from '../../core/cancelPoint';
import { countCycles, detectCycles, trackCycleGrowth } from '../cycleDetection';
import { CycleSearches } from '../cycleSearches';
import type { HeapModel } from '../heapModel';
import { RELATED_SNAPSHOTS, sourcesOf, type HeapAnalysis } from './contract';
import { cycleFindings } from './cycleFindings';

/**
 * Suspicious reference cycles held by the program's classes that grow across the snapshots of one
 * process, found in the last snapshot; the earlier snapshots only count the instances of the same
 * classes' cycles, for the growth. With one snapshot nothing can be seen to grow, so no cycle can be a
 * finding: none is searched. In the background: the searches run on a helper thread when the host
 * offers one (posted as the heap step starts, when there is a thread: `CycleSearches.ahead`), while
 * the other analyses run, and let a cancel in wherever they run.
 */
export const cycles: HeapAnalysis = {
  id: 'heap.cycles',
  needs: RELATED_SNAPSHOTS,
  phase: 'cycles',
  // Tarjan over the growing classes' objects in each snapshot: on the samples 3–5 × the comparison or leak detection (0.5 s against 0.1–0.2 s).
  weight: 4,
  background: true,
  async run(s, { signal }) {
    const ticks = new CancelTicks(signal);
    const locate = (m: HeapModel, node: number) => s.locator.locate(m, node);
    // Posted ahead, the searches are the heap step's to close; started here, they are closed here.
    const searches = s.cycleSearches ?? CycleSearches.start(s.models, s.threads?.heapCycles, signal);
    try {
      const { scope } = searches;
      // Every snapshot's search is handed to the thread at once, the last first: its example paths are
      // the most work left here afterwards, so they start while the thread searches the earlier ones
      // and counts their patterns' objects (only the words of their groups are made here).
      const [last, earlier] = await Promise.all([
        detectCycles(s.last, scope, { locate, ticks, search: searches.searchOf(s.last) }),
        Promise.all(s.models.slice(0, -1).map((m) => countCycles(m, scope, { ticks, search: searches.searchOf(m) }))),
      ]);
      const report = trackCycleGrowth(earlier, last);
      return { findings: cycleFindings(report, sourcesOf(s)), view: { cycles: report } };
    } finally {
      if (searches !== s.cycleSearches) searches.close();
    }
  },
};
