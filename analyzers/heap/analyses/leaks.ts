import { detectLeaks } from '../leakDetection';
import type { LeakCluster } from '../leakDetection';
import { RELATED_SNAPSHOTS, type HeapAnalysis, type HeapSnapshots } from './contract';
import { leakFindings } from './leakFindings';

/** Leak clusters: the three-snapshot method with three snapshots, growth between two otherwise. */
export const leaks: HeapAnalysis = {
  id: 'heap.leaks',
  needs: RELATED_SNAPSHOTS,
  phase: 'leak detection',
  weight: 1,
  run(s) {
    const found = detectLeaks(s.models);
    const report = found && { ...found, clusters: found.clusters.map((c) => withLocation(c, s)) };
    return report ? { findings: leakFindings(report, s.last.summary.totalBytes, s.last.summary.totalBytes - s.models[0].summary.totalBytes), view: { leaks: report } } : { findings: [] };
  },
};

function withLocation(c: LeakCluster, s: HeapSnapshots): LeakCluster {
  const node = c.exampleIds.length ? s.last.idIndex.lookup(c.exampleIds[0]) : undefined;
  const location = node === undefined ? undefined : s.locator.locate(s.last, node);
  return location ? { ...c, location } : c;
}
