import type { Bytes } from '../../core/units';

/*
 * The heap view as a case file saves it (the `views` row `heap`). Declared here, apart from the
 * analysis's types, so that a refactor of analyzers/heap cannot change the saved format unnoticed:
 * savedViews.ts fails to compile until this file, and CASE_SCHEMA_VERSION when the change is not
 * an addition, follow (docs/case.md, "Saved types").
 */

/** One row of the Summary view (as DevTools groups it): objects of one constructor or class. */
export interface ConstructorRow {
  name: string;
  count: number;
  shallowBytes: Bytes;
  /** Absent when the snapshot was not indexed: an earlier snapshot of a set (added in schema 2 without a version bump: optional). */
  retainedBytes?: Bytes;
}

/** One object of a class, as DevTools lists it under its constructor, with what keeps it alive. */
export interface ObjectRow {
  /** V8's object id (`@1234` in DevTools). */
  id: number;
  label: string;
  selfBytes: Bytes;
  retainedBytes: Bytes;
  /** Edges on the shortest retaining path; null when nothing retains it (garbage not yet collected). */
  distance: number | null;
  /** True when only system roots (handles, the compilation cache, …) reach it, no global. */
  systemRootsOnly: boolean;
  /** The shortest retaining path from the roots, as readable steps (long paths abbreviated). */
  retainerPath: string[];
  /** The code that created it or, for a closure, its function (schema 2; absent in older files). */
  location?: CodeLocation;
}

/** A closure's function or an object's constructor in the code, 1-based; `generated` when a source map gave `file`. */
export interface CodeLocation {
  functionName: string;
  kind: 'closure' | 'constructor';
  file: string;
  line: number;
  column: number;
  generated?: { file: string; line: number; column: number };
}

/** The source maps a case used and the ones it could not. */
export interface SourceMapUse {
  applied: { script: string; map: string }[];
  problems: string[];
}

/** The objects of the classes that retain the most: what the Summary expands into. */
export interface ClassObjects {
  className: string;
  /** Largest retained size first. */
  objects: ObjectRow[];
}

export interface HeapSnapshotSummary {
  file: string;
  nodeCount: number;
  edgeCount: number;
  totalBytes: Bytes;
  /** Sorted by retained size, largest first. */
  constructors: ConstructorRow[];
  /** False when the file stops early: the graph is whole, `namesLost` of its names are lost (absent: complete, or an older case). */
  complete?: false;
  namesLost?: number;
  /** The largest objects of the classes that retain the most, with their retainer paths (absent from older cases). */
  largestObjects?: ClassObjects[];
}

/** One class's change between two snapshots; new/deleted objects are matched by V8 node id. */
export interface ClassDelta {
  name: string;
  countBefore: number;
  countAfter: number;
  countDelta: number;
  bytesBefore: Bytes;
  bytesAfter: Bytes;
  bytesDelta: Bytes;
  newCount: number;
  newBytes: Bytes;
  deletedCount: number;
  deletedBytes: Bytes;
  /** A few ids of objects that exist only in the later snapshot. */
  newIds: number[];
}

export interface SnapshotComparison {
  before: string;
  after: string;
  totalBytesBefore: Bytes;
  totalBytesAfter: Bytes;
  newObjectCount: number;
  deletedObjectCount: number;
  /** Classes whose count or size changed, largest size growth first. */
  classes: ClassDelta[];
}

/**
 * `three-snapshot`: objects allocated between the baseline and the target that are still alive in
 * the final snapshot. `two-snapshot-growth`: objects new in the second snapshot whose class also grew.
 */
export type LeakMethod = 'three-snapshot' | 'two-snapshot-growth';

export interface LeakCluster {
  /** Class of the cluster's top-most leaked objects (their dominator is not itself leaked). */
  className: string;
  /** How many top-most leaked objects share this retainer path. */
  count: number;
  /** All leaked objects in the cluster (the top-most ones and what they dominate). */
  objectCount: number;
  retainedBytes: Bytes;
  /** Normalized retainer path shared by the cluster: classes and edge names, element indexes dropped. */
  signature: string;
  /** One example's shortest retainer path in the final snapshot, readable. */
  retainerPath: string[];
  exampleIds: number[];
  /** Leaked objects by class, most numerous first. */
  constructors: { name: string; count: number }[];
  /** Instances of `className` in each snapshot (baseline, [target,] final). */
  countPerSnapshot: number[];
  /** For closures: classes of the objects their context captures (schema 2; absent in version 1 files). */
  captures?: string[];
  /** Classes whose growth is mostly this cluster (absent when none, and in older files). */
  holdsGrowthOf?: string[];
  /** The code that created the example (schema 2; absent in older files). */
  location?: CodeLocation;
}

export interface LeakReport {
  method: LeakMethod;
  /** File names in role order: baseline, target, final (or first, second). */
  snapshots: string[];
  leakedObjectCount: number;
  leakedBytes: Bytes;
  /** Largest retained size first. */
  clusters: LeakCluster[];
}

/**
 * `closure-self-capture`: an object holds a closure whose context captures that same object.
 * `same-class-mutual`: instances of one class reference each other through a property, directly or
 * through an Array/Map/Set.
 */
export type CyclePatternKind = 'closure-self-capture' | 'same-class-mutual';

export interface CycleGroup {
  kind: CyclePatternKind;
  className: string;
  /** The property (and captured variable) that closes the cycle: `.onLevelUp → context.this`, `.friends`. */
  via: string;
  /** Objects of `className` taking part. */
  instances: number;
  /** Size of the largest strongly connected component these objects are in. */
  largestComponent: number;
  exampleId: number;
  /** One concrete cycle, nodes and edges alternating, ending where it started. */
  cyclePath: string[];
  /** The shortest retaining path from the GC roots to the example: what keeps the cycle alive. */
  rootPath: string[];
  /** Instances in each snapshot, oldest first. */
  instancesPerSnapshot?: number[];
  grows?: boolean;
  /** The framework or runtime structure the cycle is (schema 2; absent in version 1 files). */
  framework?: string;
  /** The self-capturing closure's function or the class's constructor (schema 2; absent in older files). */
  location?: CodeLocation;
}

export interface CycleReport {
  file: string;
  /** Strongly connected components of two or more objects over data references, among the objects searched. */
  componentCount: number;
  largestComponent: number;
  groups: CycleGroup[];
  /**
   * Whose cycles were searched: the classes that grow across the snapshots, and the objects searched
   * (their objects and what they reference within two steps). Absent in cases saved before the search
   * was bounded (they searched the whole graph).
   */
  searched?: { classes: string[]; objects: number };
}

/** One allocation site of a V8 allocation timeline. */
export interface AllocationSiteRow {
  site: string;
  allocatedCount: number;
  allocatedBytes: Bytes;
  liveCount: number;
  liveBytes: Bytes;
  /** Innermost first. */
  stack: string[];
}

export interface SnapshotAllocationSites {
  file: string;
  /** Most live bytes first, at most a few hundred. */
  sites: AllocationSiteRow[];
  siteCount: number;
}

/** Detached DOM nodes of one element class, kept alive through the same JavaScript holder. */
export interface DetachedNodeGroup {
  /** `HTMLLIElement`: the DOM interface. */
  elementClass: string;
  /** How the snapshot names the example node, as DevTools shows it: `<li class="message">`. */
  nodeName: string;
  /** The first named JavaScript reference on the example's shortest retainer path: `messageCache (Map)`. */
  holder: string;
  /** Top-most detached nodes: not dominated by another detached node. */
  count: number;
  /** Detached nodes in those subtrees, the roots included. */
  subtreeNodeCount: number;
  /** Sum of the top-most nodes' retained sizes: what dropping the references would free. */
  retainedBytes: Bytes;
  exampleIds: number[];
  /** The example's shortest retainer path from the GC roots, readable. */
  retainerPath: string[];
  /** Every JavaScript reference that holds the example (the holder included). */
  holders: string[];
}

export interface DetachedNodesReport {
  file: string;
  /** Detached DOM nodes in the snapshot, subtrees included. */
  detachedNodeCount: number;
  retainedBytes: Bytes;
  /** Largest retained size first. */
  groups: DetachedNodeGroup[];
}

/** What the UI and the report show for heap snapshots. */
export interface HeapView {
  /** Oldest first (ordered by the snapshots' own object ids, not by file name). */
  snapshots: HeapSnapshotSummary[];
  /** First vs last snapshot, when there are two or more of one process. */
  comparison?: SnapshotComparison;
  /** Leak clusters, when there are two or more snapshots of one process. */
  leaks?: LeakReport;
  /** Suspicious reference cycles in the last snapshot, with their growth across the snapshots. */
  cycles?: CycleReport;
  /** Where live objects were allocated, for snapshots recorded with allocation tracking. */
  allocationSites?: SnapshotAllocationSites[];
  /** Detached DOM nodes kept alive by JavaScript in the last snapshot, for browser snapshots. */
  detachedNodes?: DetachedNodesReport;
  /** Per class, the trend over three or more snapshots of one process (schema 2). */
  classTrends?: ClassTrendReport;
  /** Which source maps named the original code, and which could not (schema 2). */
  sourceMaps?: SourceMapUse;
}

/** One quantity over N captures with its least-squares line and shape (analyzers/core/captureTrend.ts). */
export interface CaptureTrend {
  values: number[];
  slopePerCapture: number;
  r2: number;
  monotonicCaptures: number;
  shape: 'growing' | 'plateau' | 'flat' | 'shrinking' | 'irregular';
}

export interface ClassTrend {
  className: string;
  count: CaptureTrend;
  shallowBytes: CaptureTrend;
}

export interface ClassTrendReport {
  /** File names, oldest first. */
  snapshots: string[];
  classes: ClassTrend[];
}
