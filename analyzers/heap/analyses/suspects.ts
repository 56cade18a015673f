import { detectLeakSuspects } from '../leakSuspects';
import { withExampleLocation } from './codeEvidence';
import { NO_RELATED_SNAPSHOTS, type HeapAnalysis } from './contract';
import { suspectFindings } from './suspectFindings';

/**
 * Eclipse MAT's Leak Suspects on the last snapshot, when no earlier snapshot of the same process is
 * there to show growth: the one dump taken before an OOM kill still shows what holds the memory.
 * With related snapshots it does not run at all: the leak analysis answers the same question with
 * growth, and a suspect beside its clusters would count the same objects twice.
 */
export const suspects: HeapAnalysis = {
  id: 'heap.suspects',
  needs: NO_RELATED_SNAPSHOTS,
  phase: 'leak suspects',
  weight: 1,
  run(s) {
    const report = detectLeakSuspects(s.last);
    const located = report.suspects.map((suspect) => withExampleLocation(suspect, s));
    return { findings: suspectFindings({ ...report, suspects: located }, s.times[s.times.length - 1]) };
  },
};

