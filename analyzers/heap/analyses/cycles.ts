import { detectCycles, trackCycleGrowth } from '../cycleDetection';
import type { HeapModel } from '../heapModel';
import { growingClasses } from '../cycleScope';
import { RELATED_SNAPSHOTS, sourcesOf, type HeapAnalysis } from './contract';
import { cycleFindings } from './cycleFindings';

/**
 * Suspicious reference cycles held by the classes that grow across the snapshots of one process, found
 * in the last snapshot; the earlier snapshots only count the instances of the same classes' cycles, for
 * the growth. With one snapshot nothing can be seen to grow, so no cycle can be a finding: none is searched.
 */
export const cycles: HeapAnalysis = {
  id: 'heap.cycles',
  needs: RELATED_SNAPSHOTS,
  phase: 'cycles',
  // Tarjan over the growing classes' objects in each snapshot: on the samples 3–5 × the comparison or leak detection (0.5 s against 0.1–0.2 s).
  weight: 4,
  run(s) {
    const locate = (m: HeapModel, node: number) => s.locator.locate(m, node);
    const classes = growingClasses(s.models.map((m) => m.summary));
    const earlier = s.models.slice(0, -1).map((m) => detectCycles(m, classes, true));
    const report = trackCycleGrowth([...earlier, detectCycles(s.last, classes, false, locate)]);
    return report ? { findings: cycleFindings(report, sourcesOf(s)), view: { cycles: report } } : { findings: [] };
  },
};
