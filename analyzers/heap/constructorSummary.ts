import { bytes, type Bytes } from '../core/units';
import type { DominatorPreorder } from './dominators';
import type { HeapSnapshotData, TypeIds } from './heapGraph';
import { typeClassName, type NodeClasses } from './nodeClasses';

/** One row of the Summary view (as DevTools groups it): objects of one constructor or class. */
export interface ConstructorRow {
  name: string;
  count: number;
  shallowBytes: Bytes;
  /** Absent until the snapshot is indexed (an earlier snapshot of a set: see `HeapSnapshot`). */
  retainedBytes?: Bytes;
}

/** A snapshot's own summary, computed while it loads (part of the heap model). */
export interface HeapSnapshotSummary {
  file: string;
  nodeCount: number;
  edgeCount: number;
  totalBytes: Bytes;
  /** Sorted by retained size, largest first (by shallow size when there are none). */
  constructors: ConstructorRow[];
  /** False when the file stops early: the graph is whole, `namesLost` of its names are lost (absent: complete, or an older case). */
  complete?: false;
  namesLost?: number;
}

/**
 * The snapshot's objects: the nodes less the synthetic ones (the root, `(GC roots)` and its
 * categories), which no class counts. Every view says this figure, so that the Summary, the
 * explorer and the exported summary agree with DevTools and with each other.
 */
export const objectCount = (s: Pick<HeapSnapshotSummary, 'constructors'>): number => s.constructors.reduce((n, r) => n + r.count, 0);

/** The summary of an indexed snapshot: every row has its retained size. */
export interface IndexedSummary extends HeapSnapshotSummary {
  constructors: (ConstructorRow & { retainedBytes: Bytes })[];
}

/**
 * The Summary view: per class, the object count, the sum of shallow sizes and the retained size.
 * A class's retained size counts only its top-most objects in the dominator tree (an object
 * dominated by another object of the same class is already inside that one's retained size),
 * which is how DevTools avoids double counting. Synthetic nodes (the root, `(GC roots)`, ...) are
 * not objects and are left out.
 *
 * In three steps, so that the walk for retained sizes runs inside the dominator pass:
 * `classTotals`, then `retainedByClass` over the pass's preorder, then `constructorSummary`.
 */
export interface ClassTotals {
  count: Float64Array;
  shallow: Float64Array;
  totalBytes: number;
  /** Each node's key for the walk (carried into vertex order by the dominator pass): its class, or `skipKey`. */
  walkKey: Uint32Array;
  /** The key of nodes that are not objects. */
  skipKey: number;
}

export function classTotals(g: Pick<HeapSnapshotData, 'nodeCount' | 'nodeType' | 'nodeSelfSize'>, ids: TypeIds, classes: NodeClasses): ClassTotals {
  const classCount = classes.names.length;
  const count = new Float64Array(classCount);
  const shallow = new Float64Array(classCount);
  const { classOf } = classes;
  const { nodeType, nodeSelfSize } = g;
  const synthetic = ids.nodeSynthetic;
  // Synthetic nodes have a class of their own, which the walk can skip by its index alone, unless
  // some object is named like it (a constructor literally called "(synthetic)"): only then is a key
  // array of its own built, with the synthetic nodes set apart.
  const syntheticClass = classes.names.indexOf(typeClassName('synthetic'));
  let namedLikeSynthetic = false;
  let totalBytes = 0;
  for (let v = 0; v < g.nodeCount; v++) {
    totalBytes += nodeSelfSize[v];
    const c = classOf[v];
    if (nodeType[v] === synthetic) continue;
    if (c === syntheticClass) namedLikeSynthetic = true;
    count[c]++;
    shallow[c] += nodeSelfSize[v];
  }
  if (!namedLikeSynthetic) return { count, shallow, totalBytes, walkKey: classOf, skipKey: syntheticClass };
  const walkKey = classOf.slice();
  for (let v = 0; v < g.nodeCount; v++) if (nodeType[v] === synthetic) walkKey[v] = classCount;
  return { count, shallow, totalBytes, walkKey, skipKey: classCount };
}

/**
 * In preorder, an object is top-most for its class unless it lies inside the preorder interval of
 * the last top-most object of that class: intervals of one class nest or are disjoint, so that one
 * is the only candidate ancestor. No stack, and every array is read nearly in order.
 */
export function retainedByClass(totals: ClassTotals, tree: DominatorPreorder): Float64Array {
  const classCount = totals.count.length;
  const retained = new Float64Array(classCount);
  const openUntil = new Float64Array(classCount + 1);
  const { count: vertices, order, subtreeSize, retained: vertexRetained, carried } = tree;
  const skip = totals.skipKey;
  for (let p = 0; p < vertices; p++) {
    const w = order[p];
    const c = carried[w];
    if (c === skip || p < openUntil[c]) continue;
    retained[c] += vertexRetained[w];
    openUntil[c] = p + subtreeSize[w];
  }
  return retained;
}

type SummaryGraph = Pick<HeapSnapshotData, 'file' | 'nodeCount' | 'edgeCount' | 'truncation'>;

export function constructorSummary(g: SummaryGraph, classes: NodeClasses, totals: ClassTotals, retained: Float64Array): IndexedSummary;
export function constructorSummary(g: SummaryGraph, classes: NodeClasses, totals: ClassTotals): HeapSnapshotSummary;
export function constructorSummary(g: SummaryGraph, classes: NodeClasses, totals: ClassTotals, retained?: Float64Array): HeapSnapshotSummary {
  const { count, shallow } = totals;
  const constructors: ConstructorRow[] = [];
  for (let c = 0; c < count.length; c++) {
    if (count[c] === 0) continue;
    constructors.push({ name: classes.names[c], count: count[c], shallowBytes: bytes(shallow[c]), ...(retained ? { retainedBytes: bytes(retained[c]) } : {}) });
  }
  constructors.sort((a, b) => (b.retainedBytes ?? 0) - (a.retainedBytes ?? 0) || b.shallowBytes - a.shallowBytes || a.name.localeCompare(b.name));
  const cut = g.truncation ? { complete: false as const, namesLost: g.truncation.namesLost } : {};
  return { file: g.file, nodeCount: g.nodeCount, edgeCount: g.edgeCount, totalBytes: bytes(totals.totalBytes), constructors, ...cut };
}
