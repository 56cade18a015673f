import type { HeapSnapshotData, TypeIds } from './heapGraph';

export const UNREACHABLE = 0xffffffff;

/** Breadth-first distances from the root over retaining edges, with the edge each node was first reached by. */
export interface RootDistances {
  /** Edges from the root; UNREACHABLE when no retaining path exists. */
  distance: Uint32Array;
  /** The edge (index) on one shortest retaining path into the node; UNREACHABLE for the root and unreachable nodes. */
  parentEdge: Uint32Array;
}

type DistanceInput = Pick<HeapSnapshotData, 'nodeCount' | 'firstEdge' | 'edgeType' | 'edgeToNode' | 'rootIndex'>;

export function computeDistances(g: DistanceInput, ids: TypeIds): RootDistances {
  const { nodeCount: n, firstEdge, edgeType, edgeToNode } = g;
  const root = g.rootIndex as number;
  const distance = new Uint32Array(n).fill(UNREACHABLE);
  const parentEdge = new Uint32Array(n).fill(UNREACHABLE);
  const queue = new Uint32Array(n);
  let head = 0;
  let tail = 0;
  distance[root] = 0;
  queue[tail++] = root;
  const weak = ids.edgeWeak;
  const shortcut = ids.edgeShortcut;
  while (head < tail) {
    const v = queue[head++];
    const d = distance[v] + 1;
    const end = firstEdge[v + 1];
    for (let e = firstEdge[v]; e < end; e++) {
      const t = edgeType[e];
      if (t === weak || (t === shortcut && v !== root)) continue;
      const w = edgeToNode[e];
      if (distance[w] !== UNREACHABLE) continue;
      distance[w] = d;
      parentEdge[w] = e;
      queue[tail++] = w;
    }
  }
  return { distance, parentEdge };
}
