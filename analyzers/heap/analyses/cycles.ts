import { detectCycles, trackCycleGrowth } from '../cycleDetection';
import { cycleScope } from '../cycleScope';
import { LAST_SNAPSHOT, sourcesOf, type HeapAnalysis } from './contract';
import { cycleFindings } from './cycleFindings';

/**
 * Suspicious reference cycles in the last snapshot, held by the classes that grow across the snapshots
 * of its process (or, in one snapshot, that retain the most); the earlier snapshots only count the
 * instances of the same classes' cycles, for the growth.
 */
export const cycles: HeapAnalysis = {
  id: 'heap.cycles',
  needs: LAST_SNAPSHOT,
  phase: 'cycles',
  // Tarjan over the scope's objects in each snapshot: on the samples 3–5 × the comparison or leak detection (0.5 s against 0.1–0.2 s).
  weight: 4,
  run(s) {
    const scope = cycleScope(s.models.map((m) => m.summary), s.related);
    const earlier = s.related ? s.models.slice(0, -1).map((m) => detectCycles(m, scope, true)) : [];
    const report = trackCycleGrowth([...earlier, detectCycles(s.last, scope)]);
    return report ? { findings: cycleFindings(report, s.related ? sourcesOf(s) : [s.last.graph.file]), view: { cycles: report } } : { findings: [] };
  },
};
