import type { HeapSnapshotData, TypeIds } from './heapGraph';
import type { RetainerIndex } from './retainers';

export interface Dominators {
  /** Immediate dominator of each node (node index); the root's is itself. */
  idom: Uint32Array;
  /** Bytes freed if the node were collected: its self size plus everything it dominates. */
  retainedSize: Float64Array;
  /** Nodes that no retaining path from the root reaches (DevTools hangs them off the root). */
  unreachableCount: number;
}

type DominatorInput = Pick<HeapSnapshotData, 'nodeCount' | 'firstEdge' | 'edgeType' | 'edgeToNode' | 'nodeSelfSize' | 'rootIndex'>;

/**
 * The dominator tree as the pass leaves it, in vertex numbers (1..count, the DFS preorder of the
 * graph): a walk of `order` visits it in a preorder of its own, and everything it reads is indexed
 * by vertex, so nearly in order, instead of a pointer chase over children lists and node arrays.
 * The arrays are the pass's scratch buffers, valid only during the `then` callback.
 */
export interface DominatorPreorder {
  count: number;
  /** `order[p]` is the vertex at position p (0..count-1) of a preorder of the dominator tree. */
  order: Uint32Array;
  /** Each vertex's dominator subtree, in vertices (itself included): its preorder interval's length. */
  subtreeSize: Uint32Array;
  /** Each vertex's retained size. */
  retained: Float64Array;
  /** Each vertex's value in the `carry` array given to the pass (the node's, in vertex order). */
  carried: Uint32Array;
}

/**
 * Semidominators as in Lengauer–Tarjan ("A fast algorithm for finding dominators in a flowgraph",
 * 1979, the simple variant with path compression), then immediate dominators by the nearest common
 * ancestor walk of SEMI-NCA (Georgiadis, Tarjan, Werneck, "Finding dominators in practice", 2006)
 * instead of LT's buckets: one EVAL per vertex fewer, and no bucket arrays. The DFS and the path
 * compression use explicit stacks because a heap graph's depth easily exceeds the JS call stack.
 * Only retaining edges count (no weak edges; shortcuts only from the root). Nodes that the root
 * does not reach are attached to the root, as DevTools does, so that every node has a dominator.
 * Vertices are numbered 1..n in DFS preorder; 0 means "none".
 *
 * The pass in two halves. The first: the DFS numbering of the retaining graph. It needs no retainers, so
 * it can run on another thread while this one reads the rest of the file and builds the retainers (`graphIndexes.ts`). Its arrays are the pass's
 * scratch buffers, handed on to `dominatorsFromNumbering`, which reuses them.
 */
export interface DepthFirstNumbering {
  /** Vertices numbered (the nodes reachable from the root first, then the rest, attached to the root). */
  count: number;
  /** How many of them the root reaches. */
  reachable: number;
  dfsNum: Uint32Array;
  vertex: Uint32Array;
  /** Each vertex's DFS parent (vertex number); the second half overwrites it with the idoms. */
  parent: Uint32Array;
  stackNum: Uint32Array;
  stackEdge: Uint32Array;
}

export function numberDepthFirst(g: Omit<DominatorInput, 'nodeSelfSize'>, ids: TypeIds): DepthFirstNumbering {
  const { nodeCount: n, firstEdge, edgeType, edgeToNode } = g;
  const root = g.rootIndex as number;
  const weak = ids.edgeWeak;
  const shortcut = ids.edgeShortcut;
  // n + 1 slots: after the semidominators, dfsNum and stackNum serve as vertex-numbered arrays.
  const dfsNum = new Uint32Array(n + 1);
  const vertex = new Uint32Array(n + 1);
  const parent = new Uint32Array(n + 1);
  // The DFS stack holds vertex numbers (their nodes are in `vertex`) and the next edge to look at.
  const stackNum = new Uint32Array(n + 1);
  const stackEdge = new Uint32Array(n);
  // The counter is passed in and returned: a `let` captured and changed by a closure lives in a
  // context object, and this loop runs once per node.
  const visit = (start: number, parentNum: number, numbered: number): number => {
    let count = numbered;
    dfsNum[start] = ++count;
    vertex[count] = start;
    parent[count] = parentNum;
    stackNum[0] = count;
    stackEdge[0] = firstEdge[start];
    let sp = 1;
    while (sp > 0) {
      const v = vertex[stackNum[sp - 1]];
      const end = firstEdge[v + 1];
      let e = stackEdge[sp - 1];
      for (; e < end; e++) {
        if (dfsNum[edgeToNode[e]] !== 0) continue;
        const t = edgeType[e];
        if (t !== weak && (t !== shortcut || v === root)) break;
      }
      if (e < end) {
        stackEdge[sp - 1] = e + 1;
        const w = edgeToNode[e];
        dfsNum[w] = ++count;
        vertex[count] = w;
        parent[count] = stackNum[sp - 1];
        stackNum[sp] = count;
        stackEdge[sp] = firstEdge[w];
        sp++;
      } else sp--;
    }
    return count;
  };
  let count = visit(root, 0, 0);
  const reachable = count;
  for (let v = 0; v < n; v++) if (dfsNum[v] === 0) count = visit(v, 1, count);
  return { count, reachable, dfsNum, vertex, parent, stackNum, stackEdge };
}

/**
 * The second half's first part: semidominators and immediate dominators, in vertex numbers. It needs
 * only the numbering and the retainers (no node columns), so a helper thread that built both can run
 * it (`graphIndexes.ts`). Its arrays are those of `numbering` (`parent` then holds the idoms) and two
 * more, all handed on to `dominatorsFromIdoms`, which reuses them.
 */
export interface ImmediateDominators {
  /** Its `parent` holds each vertex's immediate dominator (vertex number) now. */
  numbering: DepthFirstNumbering;
  /**
   * The step's own scratch (n + 1 and 2 (n + 1) slots), for the rest of the pass to reuse when at
   * hand: a helper thread lets them go instead of handing them over, so that they are not held
   * during the rest of the parse.
   */
  scratch?: { semi: Uint32Array; forest: Uint32Array };
}

export function immediateDominators(nodeCount: number, numbering: DepthFirstNumbering, retainers: RetainerIndex): Required<ImmediateDominators> {
  const n = nodeCount;
  const { count, dfsNum, vertex, parent, stackNum, stackEdge } = numbering;
  // A vertex's DFS parent is last read just before its idom is written over it (NCA pass, in
  // preorder): one array serves both, 4 bytes a node less.
  const idomNum = parent;
  const { firstRetainer, retainerNode } = retainers;
  const semi = new Uint32Array(n + 1);
  // The link forest for EVAL, indexed by node rather than by vertex number, so that a retainer entry
  // (a node) leads straight to its slots without a random load of its number: two slots side by side
  // (EVAL reads both for every node it passes): the ancestor's node + 1 (0 while the node is not
  // processed, i.e. not linked), and the least semidominator number on its path so far (its own
  // number until it is processed). SEMI-NCA needs only that value, never the vertex that has it,
  // which saves LT's label → semi indirection.
  const forest = new Uint32Array(2 * (n + 1));
  const compressStack = stackNum; // the DFS stack is free now
  // Each node's retainer range goes into vertex order here, by the sweep in node order that already
  // reads its number (stores, which do not stall), so that the semidominator loop reads it in order
  // instead of a random load of `firstRetainer` per vertex. The slots are free: `stackEdge` (the DFS
  // is done) for the start, and `semi[w]` for the end, which only vertex w's step overwrites.
  const retainerStart = stackEdge;
  for (let v = 0; v < n; v++) {
    const w = dfsNum[v];
    forest[2 * v + 1] = w;
    retainerStart[w - 1] = firstRetainer[v];
    semi[w] = firstRetainer[v + 1];
  }

  /**
   * LT's EVAL with path compression (iterative), returning the least semidominator on v's path;
   * for a node not processed yet (numbered before the current vertex), its own number.
   */
  const evalLeast = (v: number): number => {
    const link = forest[2 * v];
    if (link === 0) return forest[2 * v + 1];
    let a = link - 1;
    let sp = 0;
    let x = v;
    while (forest[2 * a] !== 0) {
      compressStack[sp++] = x;
      x = a;
      a = forest[2 * x] - 1;
    }
    while (sp > 0) {
      const y = compressStack[--sp];
      const ay = forest[2 * y] - 1;
      const least = forest[2 * ay + 1];
      if (least < forest[2 * y + 1]) forest[2 * y + 1] = least;
      forest[2 * y] = forest[2 * ay];
    }
    return forest[2 * v + 1];
  };

  for (let w = count; w >= 2; w--) {
    const node = vertex[w];
    const p = parent[w];
    let s = w;
    const rStart = retainerStart[w - 1];
    const rEnd = semi[w];
    if (p === 1) s = 1; // a child of the root (for real, or attached because unreachable)
    // Most objects (four in five in a server heap) have one retainer: the DFS parent's edge, so the
    // parent is the semidominator, without two more random loads (the entry and its slots).
    else if (rEnd - rStart === 1) s = p;
    else {
      for (let r = rStart; r < rEnd; r++) {
        const from = retainerNode[r];
        if (from < 0) continue; // not a retaining edge
        const least = evalLeast(from);
        if (least < s) s = least;
        // 1 (the root) is the least a semidominator can be: widely shared nodes (hidden classes,
        // interned strings) have thousands of retainers, and a third of the EVALs end here.
        if (s === 1) break;
      }
    }
    semi[w] = s;
    forest[2 * node + 1] = s;
    forest[2 * node] = vertex[p] + 1;
  }
  // idom(w) is the nearest common ancestor of w's parent and semi(w) in the dominator tree built so
  // far (vertices in preorder, so every smaller number already has its idom): climb from the parent.
  for (let w = 2; w <= count; w++) {
    const s = semi[w];
    let x = parent[w];
    while (x > s) x = idomNum[x];
    idomNum[w] = x;
  }
  return { numbering, scratch: { semi, forest } };
}

/**
 * The second half's rest: retained sizes, then `then` over the dominator tree in preorder before
 * the pass's buffers are let go (the tree's children lists are built only when asked for:
 * `dominatorTreeOf`). `carry` (one value a node, or null)
 * is brought into vertex order by the sweep that already visits every node in that order.
 */
export function dominatorsFromIdoms<T>(
  g: Pick<DominatorInput, 'nodeCount' | 'nodeSelfSize' | 'rootIndex'>,
  idoms: ImmediateDominators,
  carry: Uint32Array | null,
  then: (tree: DominatorPreorder) => T,
): { dominators: Dominators; result: T } {
  const n = g.nodeCount;
  const root = g.rootIndex as number;
  const { numbering, scratch } = idoms;
  const { count, reachable, dfsNum, vertex, parent: idomNum, stackNum, stackEdge } = numbering;
  // `semi` is free now: it holds the result, so the peak is one array smaller.
  const idom = scratch ? scratch.semi.subarray(0, n) : new Uint32Array(n);
  idom[root] = root;
  // Children come after their dominator in preorder, so one backward sweep sums the subtrees (bytes,
  // and vertices in vertex order); the same sweep translates the idoms back to node indexes (one
  // random load of `vertex` a node less) and copies each final retained size and carried value into
  // vertex order (the link forest's 8 bytes a vertex, and the vertex's own slot in `vertex`, which
  // the sweep does not read again: dominators have smaller numbers).
  const subtreeSize = stackNum.fill(1);
  const retainedSize = g.nodeSelfSize.slice();
  const retained = scratch ? new Float64Array(scratch.forest.buffer, 0, n + 1) : new Float64Array(n + 1);
  const carried = vertex;
  for (let w = count; w >= 2; w--) {
    const dw = idomNum[w];
    subtreeSize[dw] += subtreeSize[w];
    const v = vertex[w];
    const d = vertex[dw];
    idom[v] = d;
    const size = retainedSize[v];
    retainedSize[d] += size;
    retained[w] = size;
    if (carry) carried[w] = carry[v];
  }
  retained[1] = retainedSize[root];
  if (carry) carried[1] = carry[root];

  // A preorder of the dominator tree: each vertex takes the next free slot of its dominator's
  // interval and opens its own right after it (dominators come first in vertex order).
  const order = stackEdge;
  const nextSlot = dfsNum;
  order[0] = 1;
  nextSlot[1] = 1;
  for (let w = 2; w <= count; w++) {
    const d = idomNum[w];
    const p = nextSlot[d];
    nextSlot[d] = p + subtreeSize[w];
    nextSlot[w] = p + 1;
    order[p] = w;
  }
  const result = then({ count, order, subtreeSize, retained, carried });
  return { dominators: { idom, retainedSize, unreachableCount: n - reachable }, result };
}
