import type { HeapSnapshotData, TypeIds } from './heapGraph';

export const UNREACHABLE = 0xffffffff;
/** Added to the distance of nodes that only system roots reach (DevTools' baseSystemDistance). */
export const SYSTEM_DISTANCE_BASE = 100_000_000;

/**
 * Breadth-first distances over retaining edges, in DevTools' two passes: first from the user roots
 * (the root's non-synthetic children: the global objects), then from the root for what only system
 * roots (handle scopes, the compilation cache, ...) reach; those get SYSTEM_DISTANCE_BASE added.
 * So a retainer path goes through the user's globals whenever one exists, as in DevTools.
 */
export interface RootDistances {
  /** Edges from the root (plus SYSTEM_DISTANCE_BASE when only system roots reach it); UNREACHABLE when nothing retains it. */
  distance: Uint32Array;
  /** The edge (index) on one shortest retaining path into the node; UNREACHABLE for the root and unreachable nodes. */
  parentEdge: Uint32Array;
}

type DistanceInput = Pick<HeapSnapshotData, 'nodeCount' | 'nodeType' | 'firstEdge' | 'edgeType' | 'edgeToNode' | 'rootIndex'>;

export function computeDistances(g: DistanceInput, ids: TypeIds): RootDistances {
  const { nodeCount: n, firstEdge, edgeType, edgeToNode } = g;
  const root = g.rootIndex as number;
  const distance = new Uint32Array(n).fill(UNREACHABLE);
  const parentEdge = new Uint32Array(n).fill(UNREACHABLE);
  const queue = new Uint32Array(n);
  let head = 0;
  let tail = 0;
  const weak = ids.edgeWeak;
  const shortcut = ids.edgeShortcut;
  const synthetic = ids.nodeSynthetic;
  const bfs = () => {
    while (head < tail) {
      const v = queue[head++];
      const d = distance[v] + 1;
      const end = firstEdge[v + 1];
      for (let e = firstEdge[v]; e < end; e++) {
        const w = edgeToNode[e];
        if (distance[w] !== UNREACHABLE) continue;
        const t = edgeType[e];
        if (t === weak || (t === shortcut && v !== root)) continue;
        distance[w] = d;
        parentEdge[w] = e;
        queue[tail++] = w;
      }
    }
  };
  for (let e = firstEdge[root]; e < firstEdge[root + 1]; e++) {
    const w = edgeToNode[e];
    if (g.nodeType[w] === synthetic || edgeType[e] === weak || distance[w] !== UNREACHABLE) continue;
    distance[w] = 1;
    parentEdge[w] = e;
    queue[tail++] = w;
  }
  const userRoots = tail;
  bfs();
  distance[root] = userRoots > 0 ? SYSTEM_DISTANCE_BASE : 0;
  queue[tail++] = root;
  bfs();
  distance[root] = 0;
  return { distance, parentEdge };
}
