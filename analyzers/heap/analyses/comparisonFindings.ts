import type { FindingOf } from '../../core/analysisContract';
import type { FindingImpact } from '../../core/finding';
import { formatBytes } from '../../core/byteFormat';
import { formatShare, groupDigits, plural } from '../../core/numberFormat';
import { severityOf } from '../../core/severity';
import { bytes } from '../../core/units';
import type { HeapAnalysisId } from '../analysisIds';
import type { SnapshotComparison } from '../snapshotComparison';

const GROWTH_REPORTED = 0.1;
/** A last step under this share of the heap: the heap has reached its steady size. */
const STEADY_STEP = 0.02;

/**
 * One finding when the heap grew by 10 % or more, naming the classes that grew most — unless, with
 * three or more snapshots (`lastStep`: the two newest heaps' sizes), it stopped growing in the last
 * step: a cache that filled to its bound between the first snapshots is not growth that goes on.
 */
export function comparisonFindings(c: SnapshotComparison, lastStep?: { before: number; after: number }): FindingOf<HeapAnalysisId>[] {
  const growth = c.totalBytesAfter - c.totalBytesBefore;
  if (c.totalBytesBefore <= 0 || growth / c.totalBytesBefore < GROWTH_REPORTED) return [];
  if (lastStep && lastStep.after - lastStep.before < STEADY_STEP * lastStep.before) return [];
  const top = c.classes.filter((r) => r.bytesDelta > 0).slice(0, 5);
  // Two snapshots are a difference, not a trend; the time between them is not in the files.
  const impact: FindingImpact = { growth: { grownBytes: bytes(growth), observations: 2, timeBase: 'none' } };
  return [
    {
      id: 'heap.growth.0',
      analysis: 'heap.comparison',
      category: 'memory-growth',
      severity: severityOf(impact),
      impact,
      title: `Heap grew by ${formatShare(growth / c.totalBytesBefore)} between ${c.before} and ${c.after}`,
      detail: `The live heap went from ${formatBytes(c.totalBytesBefore)} to ${formatBytes(c.totalBytesAfter)}; ${plural(c.newObjectCount, 'object')} ${c.newObjectCount === 1 ? 'is' : 'are'} new (by V8 object id) and ${groupDigits(c.deletedObjectCount)} ${c.deletedObjectCount === 1 ? 'was' : 'were'} collected. Growth alone is not a leak: see the leak clusters for objects that should have been released.`,
      evidence: [
        { label: 'heap before', value: c.totalBytesBefore, unit: 'bytes' },
        { label: 'heap after', value: c.totalBytesAfter, unit: 'bytes' },
        ...top.map((r) => ({ label: `${r.name}: ${r.countDelta >= 0 ? '+' : '−'}${plural(Math.abs(r.countDelta), 'object')}`, value: r.bytesDelta, unit: 'bytes' as const })),
      ],
      paths: [],
      suggestedFix: `Look first at the classes that grew most (${top.map((r) => r.name).join(', ')}) and check why their instances are kept.`,
      sources: [c.before, c.after],
    },
  ];
}

/** Object ids are only comparable within one process: said once, instead of a comparison that would be wrong. */
export function unrelatedSnapshotsFinding(snapshotCount: number, sources: string[]): FindingOf<HeapAnalysisId> {
  return {
    id: 'heap.snapshots-unrelated.0',
    analysis: 'heap.comparison',
    category: 'input-quality',
    severity: severityOf({}),
    impact: {},
    title: 'The heap snapshots come from different processes: no comparison or leak detection',
    detail: 'Object ids are only stable within one process; these snapshots disagree on what most shared ids are, so matching objects across them would be wrong. Each snapshot is summarized on its own.',
    evidence: [{ label: 'snapshots', value: snapshotCount, unit: 'count' }],
    paths: [],
    suggestedFix: 'Take the baseline, target and final snapshots from the same running process.',
    sources,
  };
}
