import type { Bytes } from '../core/units';
import type { SnapshotAllocationSites } from './allocationSiteView';
import type { CycleReport } from './cycleDetection';
import type { DetachedNodesReport } from './detachedNodes';
import type { ClassObjects } from './largestObjects';
import type { LeakReport } from './leakDetection';
import type { SnapshotComparison } from './snapshotComparison';

/** One row of the Summary view (as DevTools groups it): objects of one constructor or class. */
export interface ConstructorRow {
  name: string;
  count: number;
  shallowBytes: Bytes;
  retainedBytes: Bytes;
}

export interface HeapSnapshotSummary {
  file: string;
  nodeCount: number;
  edgeCount: number;
  totalBytes: Bytes;
  /** Sorted by retained size, largest first. */
  constructors: ConstructorRow[];
  /**
   * The largest objects of the classes that retain the most, with their retainer paths: added by
   * the analysis (it needs the distances), absent from the model's own summary and older cases.
   */
  largestObjects?: ClassObjects[];
}

/** What the UI and the report show for heap snapshots. Owned by analyzers/heap. */
export interface HeapView {
  /** Oldest first (ordered by the snapshots' own object ids, not by file name). */
  snapshots: HeapSnapshotSummary[];
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
}
