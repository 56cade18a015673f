import { asEdge, isRetainingEdge, type EdgeIndex, type HeapSnapshotData, type TypeIds } from './heapGraph';
import { shareableBuffer } from './sharedMemory';

/**
 * Reverse edges: the retainers of node `n` are the owners `retainerNode[firstRetainer[n] ..
 * firstRetainer[n+1]-1]`, in edge order. An edge that does not retain (weak, or a shortcut not from
 * the root) is stored as `~owner` (negative), so the dominator pass never looks the edge up; a
 * signed array keeps every value a small integer for the JIT (a Uint32Array with a top-bit flag
 * turned the hot loop's loads into doubles).
 * The edges themselves are not stored (4 bytes an edge less: 45 MB on a 250 MB snapshot); they are
 * found again from the owners when a view needs them (`retainerEdges`).
 */
export interface RetainerIndex {
  firstRetainer: Uint32Array;
  /** The owner, or `~owner` when the edge does not retain (node indexes stay below 2^31). */
  retainerNode: Int32Array;
}

/** The node that owns a retainer entry, whether its edge retains or not. */
export const retainerOwner = (entry: number): number => (entry < 0 ? ~entry : entry);

type RetainerInput = Pick<HeapSnapshotData, 'nodeCount' | 'edgeCount' | 'firstEdge' | 'edgeToNode' | 'edgeType' | 'rootIndex'>;

/**
 * Two passes over the edges (count, then fill), as DevTools' buildRetainers does. The fill uses
 * each node's start as its cursor, which leaves it at the next node's start: one shift restores
 * the starts, instead of a node-sized copy of cursors (the peak of a threaded load is near the RSS target).
 * On shared memory: the thread that did not build them reads them without a copy (graphIndexes.ts).
 */
export function buildRetainers(g: RetainerInput, ids: TypeIds): RetainerIndex {
  const { nodeCount, edgeCount, firstEdge, edgeToNode, edgeType } = g;
  const root = g.rootIndex as number;
  const firstRetainer = new Uint32Array(shareableBuffer((nodeCount + 1) * 4));
  for (let e = 0; e < edgeCount; e++) firstRetainer[edgeToNode[e] + 1]++;
  for (let n = 0; n < nodeCount; n++) firstRetainer[n + 1] += firstRetainer[n];
  const retainerNode = new Int32Array(shareableBuffer(edgeCount * 4));
  for (let n = 0; n < nodeCount; n++) {
    const end = firstEdge[n + 1];
    for (let e = firstEdge[n]; e < end; e++) {
      retainerNode[firstRetainer[edgeToNode[e]]++] = isRetainingEdge(ids, edgeType[e], n, root) ? n : ~n;
    }
  }
  firstRetainer.copyWithin(1, 0, nodeCount);
  firstRetainer[0] = 0;
  return { firstRetainer, retainerNode };
}

/**
 * The edges into `node`, in the same order as its retainer entries. Entries of one owner are
 * adjacent and in that owner's edge order, so each is the owner's next edge pointing at `node`.
 */
export function retainerEdges(g: Pick<HeapSnapshotData, 'firstEdge' | 'edgeToNode'>, r: RetainerIndex, node: number): EdgeIndex[] {
  const edges: EdgeIndex[] = [];
  let owner = -1;
  let e = 0;
  for (let s = r.firstRetainer[node]; s < r.firstRetainer[node + 1]; s++) {
    const u = retainerOwner(r.retainerNode[s]);
    if (u !== owner) {
      owner = u;
      e = g.firstEdge[u];
    }
    while (g.edgeToNode[e] !== node) e++;
    edges.push(asEdge(e++));
  }
  return edges;
}
