import type { HeapSnapshotData } from './heapGraph';

/** Reverse edges: the retainers of node `n` are `retainerEdge/retainerNode[firstRetainer[n] .. firstRetainer[n+1]-1]`. */
export interface RetainerIndex {
  firstRetainer: Uint32Array;
  /** The edge (index) that points at the node. */
  retainerEdge: Uint32Array;
  /** The node that owns that edge. */
  retainerNode: Uint32Array;
}

/** Two passes over the edges (count, then fill), as DevTools' buildRetainers does. */
export function buildRetainers(g: Pick<HeapSnapshotData, 'nodeCount' | 'edgeCount' | 'firstEdge' | 'edgeToNode'>): RetainerIndex {
  const { nodeCount, edgeCount, firstEdge, edgeToNode } = g;
  const firstRetainer = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) firstRetainer[edgeToNode[e] + 1]++;
  for (let n = 0; n < nodeCount; n++) firstRetainer[n + 1] += firstRetainer[n];
  const fill = firstRetainer.slice(0, nodeCount);
  const retainerEdge = new Uint32Array(edgeCount);
  const retainerNode = new Uint32Array(edgeCount);
  for (let n = 0; n < nodeCount; n++) {
    const end = firstEdge[n + 1];
    for (let e = firstEdge[n]; e < end; e++) {
      const slot = fill[edgeToNode[e]]++;
      retainerEdge[slot] = e;
      retainerNode[slot] = n;
    }
  }
  return { firstRetainer, retainerEdge, retainerNode };
}
