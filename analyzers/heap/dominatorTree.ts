/** Children lists of the dominator tree: node `n` dominates `children[first[n] .. first[n+1]-1]`. */
export interface DominatorTree {
  first: Uint32Array;
  children: Uint32Array;
}

/**
 * Counts, prefix sums, then a fill that uses each node's start as its cursor (which leaves it at
 * the next node's start, so one shift restores the starts). `into`: the buffers to build in (at
 * least n + 1 and n - 1 long): the dominator pass's scratch arrays, once it is done with them.
 */
export function buildDominatorTree(
  idom: Uint32Array,
  root: number,
  into: DominatorTree,
): DominatorTree {
  const n = idom.length;
  const first = into.first.subarray(0, n + 1).fill(0);
  const children = into.children.subarray(0, Math.max(0, n - 1));
  for (let v = 0; v < n; v++) if (v !== root) first[idom[v] + 1]++;
  for (let v = 0; v < n; v++) first[v + 1] += first[v];
  for (let v = 0; v < n; v++) if (v !== root) children[first[idom[v]]++] = v;
  first.copyWithin(1, 0, n);
  first[0] = 0;
  return { first, children };
}
