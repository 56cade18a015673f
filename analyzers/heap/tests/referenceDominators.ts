import { isRetainingEdge, typeIds, type HeapSnapshotData } from '../heapGraph';

/**
 * Slow, obviously-correct references for the dominator tests, on plain arrays. Both see the graph
 * the engine is specified to see: retaining edges only (no weak edges, shortcuts only from the
 * root), and each part the root does not reach hung off the root by a virtual edge, taking the
 * unreached nodes in index order as DevTools does.
 */
export interface PlainGraph {
  root: number;
  succ: number[][];
  self: number[];
}

export function plainGraph(g: HeapSnapshotData): PlainGraph {
  const ids = typeIds(g);
  const root = g.rootIndex as number;
  const succ: number[][] = [];
  for (let v = 0; v < g.nodeCount; v++) {
    const out: number[] = [];
    for (let e = g.firstEdge[v]; e < g.firstEdge[v + 1]; e++) if (isRetainingEdge(ids, g.edgeType[e], v, root)) out.push(g.edgeToNode[e]);
    succ.push(out);
  }
  const seen = reach(succ, root, -1);
  for (let v = 0; v < g.nodeCount; v++) {
    if (seen[v]) continue;
    succ[root].push(v);
    for (const [w, r] of reach(succ, v, -1).entries()) if (r) seen[w] = true;
  }
  return { root, succ, self: Array.from(g.nodeSelfSize) };
}

/** Nodes reachable from `from` without passing through `avoid`. */
function reach(succ: number[][], from: number, avoid: number): boolean[] {
  const seen = new Array<boolean>(succ.length).fill(false);
  if (from === avoid) return seen;
  const queue = [from];
  seen[from] = true;
  for (let head = 0; head < queue.length; head++) {
    for (const w of succ[queue[head]]) {
      if (w === avoid || seen[w]) continue;
      seen[w] = true;
      queue.push(w);
    }
  }
  return seen;
}

/**
 * By definition: d dominates v when v cannot be reached from the root once d is removed, and d's
 * retained size is what would be freed then. One search per node: O(n·(n+m)), for small graphs.
 */
export function dominatorsByRemoval(p: PlainGraph): { idom: number[]; retained: number[] } {
  const n = p.succ.length;
  const strictDominators: number[][] = Array.from({ length: n }, () => []);
  const retained = p.self.slice();
  for (let d = 0; d < n; d++) {
    if (d === p.root) continue;
    const seen = reach(p.succ, p.root, d);
    for (let v = 0; v < n; v++) {
      if (v === d || seen[v]) continue;
      strictDominators[v].push(d);
      retained[d] += p.self[v];
    }
  }
  retained[p.root] = p.self.reduce((a, b) => a + b, 0);
  const idom = strictDominators.map((doms, v) => {
    if (v === p.root) return v;
    // The immediate dominator is the deepest strict dominator: the one with the most dominators itself.
    let best = p.root;
    let bestDepth = -1;
    for (const d of doms) {
      if (strictDominators[d].length > bestDepth) {
        best = d;
        bestDepth = strictDominators[d].length;
      }
    }
    return best;
  });
  return { idom, retained };
}

/**
 * Iterative data-flow dominators (Cooper, Harvey, Kennedy, "A Simple, Fast Dominance Algorithm",
 * 2001): iterate idom(v) = intersection of the predecessors' dominators in reverse postorder until
 * nothing changes. A different algorithm from the engine's Lengauer–Tarjan, fast enough for the
 * whole sample snapshots. Retained sizes are then summed up the reference tree.
 */
export function dominatorsIterative(p: PlainGraph): { idom: number[]; retained: number[] } {
  const n = p.succ.length;
  const post = new Array<number>(n).fill(-1);
  const order: number[] = [];
  const pred: number[][] = Array.from({ length: n }, () => []);
  p.succ.forEach((ws, v) => ws.forEach((w) => pred[w].push(v)));
  const visited = new Array<boolean>(n).fill(false);
  const stack: [number, number][] = [[p.root, 0]];
  visited[p.root] = true;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const ws = p.succ[top[0]];
    if (top[1] < ws.length) {
      const w = ws[top[1]++];
      if (!visited[w]) {
        visited[w] = true;
        stack.push([w, 0]);
      }
    } else {
      post[top[0]] = order.length;
      order.push(top[0]);
      stack.pop();
    }
  }
  const idom = new Array<number>(n).fill(-1);
  idom[p.root] = p.root;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (post[a] < post[b]) a = idom[a];
      while (post[b] < post[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i];
      if (v === p.root) continue;
      let next = -1;
      for (const u of pred[v]) if (idom[u] !== -1) next = next === -1 ? u : intersect(u, next);
      if (next !== idom[v]) {
        idom[v] = next;
        changed = true;
      }
    }
  }
  const retained = p.self.slice();
  // Postorder of the graph DFS is not a dominator-tree postorder; sum by depth in the tree instead.
  const depth = new Array<number>(n).fill(-1);
  const depthOf = (v: number): number => {
    const path: number[] = [];
    let x = v;
    while (depth[x] < 0 && x !== p.root) {
      path.push(x);
      x = idom[x];
    }
    let d = x === p.root ? 0 : depth[x];
    for (let i = path.length - 1; i >= 0; i--) depth[path[i]] = ++d;
    return depth[v] < 0 ? 0 : depth[v];
  };
  const byDepth = [...Array(n).keys()].sort((a, b) => depthOf(b) - depthOf(a));
  for (const v of byDepth) if (v !== p.root) retained[idom[v]] += retained[v];
  return { idom, retained };
}
