import { classTrends } from '../classTrends';
import type { AnalysisNeed } from '../../core/analysisContract';
import type { HeapAnalysis, HeapSnapshots } from './contract';
import { trendFindings } from './trendFindings';

/** A line needs three points to say anything a difference does not. */
const THREE_RELATED: AnalysisNeed<HeapSnapshots> = { label: 'three or more snapshots of one process', holds: (s) => s.models.length >= 3 && s.related };

/** Per class, the trend across every snapshot of the process: growing, or steady after a rise. */
export const trends: HeapAnalysis = {
  id: 'heap.trends',
  needs: THREE_RELATED,
  phase: 'trends',
  weight: 1,
  run(s) {
    const report = classTrends(s.models);
    return { findings: trendFindings(report, s.last.summary.totalBytes, s.last.summary.totalBytes - s.models[0].summary.totalBytes), view: { classTrends: report } };
  },
};
