import type { HeapModel } from './heapModel';

/** `topMostMarked(...)[v]` for a node that is not marked. */
export const NOT_MARKED = 0xffffffff;

/**
 * For each marked node, its top-most marked dominator (itself when no marked node dominates it), in
 * one preorder walk of the dominator tree: so a marked subtree (leaked objects, a detached DOM tree)
 * is counted once, under its root, whose retained size covers the rest.
 */
export function topMostMarked(m: Pick<HeapModel, 'graph' | 'dominators' | 'dominatorTree'>, marked: Uint8Array): Uint32Array {
  const root = m.graph.rootIndex as number;
  const top = new Uint32Array(m.graph.nodeCount).fill(NOT_MARKED);
  const { idom } = m.dominators;
  const { first, children } = m.dominatorTree;
  const stack = new Uint32Array(m.graph.nodeCount);
  let sp = 0;
  stack[sp++] = root;
  while (sp > 0) {
    const v = stack[--sp];
    if (marked[v]) top[v] = v !== root && marked[idom[v]] ? top[idom[v]] : v;
    for (let c = first[v]; c < first[v + 1]; c++) stack[sp++] = children[c];
  }
  return top;
}
