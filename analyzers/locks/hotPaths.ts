import { nanos, type Nanos } from '../core/units';
import type { WaitPath } from './summary';

/** A node of the hot-path tree: roots are the functions that asked for a lock, children their callers. */
export interface HotPathNode {
  label: string;
  count: number;
  totalNs: Nanos;
  /** 0–1 of all the wait of the input. */
  share: number;
  children: HotPathNode[];
}

/**
 * Merges application paths (first application frame outwards) into a caller tree, so the answer
 * reads "transferItem — 45 % of lock wait", then who called it. Deeper levels are cut at `maxDepth`:
 * thread entry points add nothing to a lock story. Size is bounded by the distinct paths.
 */
export function hotPathTree(paths: readonly WaitPath[], maxDepth = 8): HotPathNode[] {
  const total = paths.reduce((s, p) => s + p.totalNs, 0);
  const roots: HotPathNode[] = [];
  for (const p of paths) {
    let level = roots;
    for (const label of p.path.slice(0, maxDepth)) {
      let node = level.find((n) => n.label === label);
      if (!node) {
        node = { label, count: 0, totalNs: nanos(0), share: 0, children: [] };
        level.push(node);
      }
      node.count += p.count;
      node.totalNs = nanos(node.totalNs + p.totalNs);
      node.share = total ? node.totalNs / total : 0;
      level = node.children;
    }
  }
  sortTree(roots);
  return roots;
}

function sortTree(nodes: HotPathNode[]): void {
  nodes.sort((a, b) => b.totalNs - a.totalNs || b.count - a.count);
  for (const n of nodes) sortTree(n.children);
}
