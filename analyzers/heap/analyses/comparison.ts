import { compareSnapshots } from '../snapshotComparison';
import { comparisonFindings, unrelatedSnapshotsFinding } from './comparisonFindings';
import { SEVERAL_SNAPSHOTS, sourcesOf, type HeapAnalysis } from './contract';

/** DevTools' Comparison view of the first and last snapshot; or, across processes, why there is none. */
export const snapshotComparison: HeapAnalysis = {
  id: 'heap.comparison',
  needs: SEVERAL_SNAPSHOTS,
  phase: 'comparison',
  weight: 1,
  run(s) {
    if (!s.related) return { findings: [unrelatedSnapshotsFinding(s.models.length, sourcesOf(s))] };
    const comparison = compareSnapshots(s.models[0], s.last, s.shared);
    const previous = s.models[s.models.length - 2];
    const lastStep = s.models.length >= 3 ? { before: previous.summary.totalBytes, after: s.last.summary.totalBytes } : undefined;
    return { findings: comparisonFindings(comparison, lastStep), view: { comparison } };
  },
};
