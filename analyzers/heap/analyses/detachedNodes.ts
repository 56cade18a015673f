import { detectDetachedNodes } from '../detachedNodes';
import { LAST_SNAPSHOT, type HeapAnalysis } from './contract';
import { detachedNodeFindings } from './detachedNodeFindings';

/** Detached DOM nodes that JavaScript keeps alive in the last snapshot (browser snapshots only). */
export const detachedNodes: HeapAnalysis = {
  id: 'heap.detached-dom',
  needs: LAST_SNAPSHOT,
  phase: 'detached DOM nodes',
  weight: 1,
  run(s) {
    const report = detectDetachedNodes(s.last);
    return report ? { findings: detachedNodeFindings(report, s.last.summary.totalBytes), view: { detachedNodes: report } } : { findings: [] };
  },
};
