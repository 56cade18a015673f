import type { SnapshotAllocationSites } from './allocationSiteView';
import type { HeapSnapshotSummary } from './constructorSummary';
import type { CycleReport } from './cycleDetection';
import type { DetachedNodesReport } from './detachedNodes';
import type { ClassObjects } from './largestObjects';
import type { LeakReport } from './leakDetection';
import type { SnapshotComparison } from './snapshotComparison';
import type { ClassTrendReport } from './classTrends';
import type { SourceMapUse } from './sourceMaps';

export type { CodeLocation } from './viewCodeLocation';

export type { ConstructorRow } from './constructorSummary';
export { objectCount } from './constructorSummary';

/** A snapshot as the Summary view shows it: its own summary and the objects behind its largest classes. */
export interface HeapSnapshotView extends HeapSnapshotSummary {
  /**
   * The largest objects of the classes that retain the most, with their retainer paths: added by
   * the analysis (it needs the distances), absent from the model's own summary and older cases.
   */
  largestObjects?: ClassObjects[];
}

/** What the UI and the report show for heap snapshots. Owned by analyzers/heap. */
export interface HeapView {
  /** Oldest first (ordered by the snapshots' own object ids, not by file name). */
  snapshots: HeapSnapshotView[];
  /** First vs last snapshot, when there are two or more of one process. */
  comparison?: SnapshotComparison;
  /** Three-snapshot (or two-snapshot growth) leak clusters, when there are two or more snapshots of one process. */
  leaks?: LeakReport;
  /** Suspicious reference cycles in the last snapshot, with their growth across the snapshots. */
  cycles?: CycleReport;
  /** Where live objects were allocated, for snapshots recorded with allocation tracking. */
  allocationSites?: SnapshotAllocationSites[];
  /** Detached DOM nodes kept alive by JavaScript in the last snapshot, for browser (Chromium, Electron renderer) snapshots. */
  detachedNodes?: DetachedNodesReport;
  /** Per class, the trend over three or more snapshots of one process (growing, or steady after a rise). */
  classTrends?: ClassTrendReport;
  /** Which source maps named the original code, and which could not; absent when there were none to use. */
  sourceMaps?: SourceMapUse;
}
