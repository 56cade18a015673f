import { detectLeaks } from '../leakDetection';
import type { LeakCluster } from '../leakDetection';
import { RELATED_SNAPSHOTS, type HeapAnalysis, type HeapSnapshots } from './contract';
import { leakClock, leakFindings } from './leakFindings';

/** Leak clusters: the three-snapshot method with three snapshots, growth between two otherwise. */
export const leaks: HeapAnalysis = {
  id: 'heap.leaks',
  needs: RELATED_SNAPSHOTS,
  phase: 'leak detection',
  weight: 1,
  run(s) {
    const found = detectLeaks(s.models.slice(0, -1), s.last, s.shared);
    if (!found) return { findings: [] };
    const report = { ...found, clusters: found.clusters.map((c) => withLocation(c, s)) };
    const clock = leakClock(s.times, report.method === 'three-snapshot');
    return { findings: leakFindings(report, s.last.summary.totalBytes, s.last.summary.totalBytes - s.models[0].summary.totalBytes, clock), view: { leaks: report } };
  },
};

function withLocation(c: LeakCluster, s: HeapSnapshots): LeakCluster {
  const node = c.exampleIds.length ? s.last.idIndex.lookup(c.exampleIds[0]) : undefined;
  const location = node === undefined ? undefined : s.locator.locate(s.last, node);
  return location ? { ...c, location } : c;
}
