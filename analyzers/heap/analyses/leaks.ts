import { detectLeaks } from '../leakDetection';
import { withExampleLocation } from './codeEvidence';
import { RELATED_SNAPSHOTS, type HeapAnalysis } from './contract';
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
    const report = { ...found, clusters: found.clusters.map((c) => withExampleLocation(c, s)) };
    const clock = leakClock(s.times, report.method === 'three-snapshot');
    return { findings: leakFindings(report, s.last.summary.totalBytes, s.last.summary.totalBytes - s.models[0].summary.totalBytes, clock), view: { leaks: report } };
  },
};
