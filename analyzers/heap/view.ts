import type { Bytes } from '../core/units';

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
}

/** What the UI and the report show for heap snapshots. Owned by analyzers/heap. */
export interface HeapView {
  snapshots: HeapSnapshotSummary[];
}
