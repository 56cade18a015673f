import type { CancelTicks } from '../core/cancelPoint';

export interface Components {
  /** Component of each node; -1 for nodes left out by the filter. */
  component: Int32Array;
  count: number;
  size: Uint32Array;
}

/** Which edges the components are made of: an object of one class for every call, so that optimized code stays valid across graphs. */
export interface EdgeFilter {
  follows(edge: number): boolean;
}

export interface SccGraph {
  nodeCount: number;
  firstEdge: Uint32Array;
  edgeToNode: Uint32Array;
}

/**
 * Tarjan's strongly connected components (1972) with an explicit call stack (a heap graph is far
 * deeper than the JS stack allows), among `members` (ascending node indexes; `local[v]` is v's
 * position in them, -1 for a node left out) over the edges `edges` follows. Its work arrays are
 * as long as the members, not the graph. With `ticks`, a cancel is let in while it runs.
 */
export async function stronglyConnected(g: SccGraph, members: Uint32Array, local: Int32Array, edges: EdgeFilter, ticks?: CancelTicks): Promise<Components> {
  const k = members.length;
  const { firstEdge, edgeToNode } = g;
  const index = new Uint32Array(k);
  const low = new Uint32Array(k);
  const onStack = new Uint8Array(k);
  const stack = new Uint32Array(k);
  const callNode = new Uint32Array(k);
  const callEdge = new Uint32Array(k);
  const component = new Int32Array(g.nodeCount).fill(-1);
  const sizes: number[] = [];
  let counter = 0;
  let sp = 0;
  for (let s = 0; s < k; s++) {
    if (index[s] !== 0) continue;
    let cp = 0;
    index[s] = low[s] = ++counter;
    stack[sp++] = s;
    onStack[s] = 1;
    callNode[cp] = s;
    callEdge[cp++] = firstEdge[members[s]];
    while (cp > 0) {
      if (ticks?.due()) await ticks.pause();
      const v = callNode[cp - 1];
      const e = callEdge[cp - 1];
      if (e < firstEdge[members[v] + 1]) {
        callEdge[cp - 1] = e + 1;
        const w = local[edgeToNode[e]];
        if (w < 0 || !edges.follows(e)) continue;
        if (index[w] === 0) {
          index[w] = low[w] = ++counter;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[cp] = w;
          callEdge[cp++] = firstEdge[members[w]];
        } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      cp--;
      if (cp > 0) {
        const u = callNode[cp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
      if (low[v] === index[v]) {
        const id = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          component[members[w]] = id;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
    }
  }
  return { component, count: sizes.length, size: Uint32Array.from(sizes) };
}
