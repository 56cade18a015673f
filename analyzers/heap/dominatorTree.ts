/** Children lists of the dominator tree: node `n` dominates `children[first[n] .. first[n+1]-1]`. */
export interface DominatorTree {
  first: Uint32Array;
  children: Uint32Array;
}

export function buildDominatorTree(idom: Uint32Array, root: number): DominatorTree {
  const n = idom.length;
  const first = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) if (v !== root) first[idom[v] + 1]++;
  for (let v = 0; v < n; v++) first[v + 1] += first[v];
  const fill = first.slice(0, n);
  const children = new Uint32Array(Math.max(0, n - 1));
  for (let v = 0; v < n; v++) if (v !== root) children[fill[idom[v]]++] = v;
  return { first, children };
}
