/** Children lists of the dominator tree: node `n` dominates `children[first[n] .. first[n+1]-1]`. */
export interface DominatorTree {
  first: Uint32Array;
  children: Uint32Array;
}

/**
 * Counts, prefix sums, then a fill that uses each node's start as its cursor (which leaves it at
 * the next node's start, so one shift restores the starts).
 */
export function buildDominatorTree(idom: Uint32Array, root: number): DominatorTree {
  const n = idom.length;
  const first = new Uint32Array(n + 1);
  const children = new Uint32Array(Math.max(0, n - 1));
  for (let v = 0; v < n; v++) if (v !== root) first[idom[v] + 1]++;
  for (let v = 0; v < n; v++) first[v + 1] += first[v];
  for (let v = 0; v < n; v++) if (v !== root) children[first[idom[v]]++] = v;
  first.copyWithin(1, 0, n);
  first[0] = 0;
  return { first, children };
}

const built = new WeakMap<Uint32Array, DominatorTree>();

/**
 * The children lists of the tree `idom` describes, built on the first question and kept while the
 * snapshot is: only the explorer reads them, so a set's snapshots that nobody explores never pay
 * for them (a pass and 8 bytes a node each).
 */
export function dominatorTreeOf(idom: Uint32Array, root: number): DominatorTree {
  let tree = built.get(idom);
  if (!tree) built.set(idom, (tree = buildDominatorTree(idom, root)));
  return tree;
}
