/**
 * Flame graphs (drawn as icicles: the root at the top, each stack's innermost frame at the bottom),
 * shared by the capabilities whose evidence is a value per call stack: leaked bytes by allocation
 * stack (alloc), lock wait by stack (locks). Plain data, so that a case saves it and the UI draws it.
 */

import { plural } from './numberFormat';

/** What a node's values count: bytes (leaked, live) or nanoseconds (of lock wait or hold). */
export type FlameUnit = 'bytes' | 'ns';

export interface FlameNode {
  /** The frame as the capability labels it (`fn file:line`, a function name). */
  name: string;
  /** Value of the stacks that end in this frame. */
  self: number;
  /** `self` plus the children's totals. */
  total: number;
  /** Differential graphs: this frame's total in the baseline (`total` is the candidate's). */
  before?: number;
  /** A library, allocator or lock-machinery frame rather than the application's own. */
  folded?: boolean;
  /** How many small frames (and their callees) this node stands for: they were merged to bound the size. */
  pruned?: number;
  /** Biggest first. */
  children: FlameNode[];
}

export interface FlameGraph {
  unit: FlameUnit;
  /** Named `all`; its total is the sum over every stack. */
  root: FlameNode;
  /** Children below this value (in `unit`) were merged into one `pruned` node per parent. */
  prunedBelow: number;
  /** Differential graphs: the two sides' files, and `before` is set at every node. */
  diff?: { before: string; after: string };
}

/** One stack with its value, outermost frame first (the root's child). */
export interface FlameStack {
  path: readonly string[];
  value: number;
  /** Per frame of `path`: a library frame. */
  folded?: readonly boolean[];
}

/** Below 0.1 % of the whole a frame cannot be read at any width the UI has: merged. */
export const DEFAULT_MIN_SHARE = 0.001;

export const PRUNED_NAME = 'other';

/** `1 smaller frame`, `1,204 smaller frames`: a merged node as every icicle and stack list names it. */
export const prunedFramesName = (pruned: number): string => plural(pruned, 'smaller frame');

interface Building {
  name: string;
  self: number;
  total: number;
  folded: boolean;
  children: Map<string, Building>;
}

const building = (name: string, folded = false): Building => ({ name, self: 0, total: 0, folded, children: new Map() });

/** Merges stacks into one tree: frames with the same name under the same parent are one node. */
export function flameTree(stacks: Iterable<FlameStack>): FlameNode {
  const root = building('all');
  for (const s of stacks) {
    root.total += s.value;
    let node = root;
    s.path.forEach((name, i) => {
      let child = node.children.get(name);
      if (!child) {
        child = building(name, s.folded?.[i] === true);
        node.children.set(name, child);
      }
      child.total += s.value;
      node = child;
    });
    node.self += s.value;
  }
  return finish(root);
}

function finish(b: Building): FlameNode {
  const node: FlameNode = { name: b.name, self: b.self, total: b.total, children: [...b.children.values()].map(finish).sort(bigFirst) };
  if (b.folded) node.folded = true;
  return node;
}

/** The size a node is drawn at: a differential node shows both sides, so frames that vanished keep their place. */
export function flameWeight(node: FlameNode): number {
  return node.total + (node.before ?? 0);
}

function bigFirst(a: FlameNode, b: FlameNode): number {
  return flameWeight(b) - flameWeight(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * Baseline and candidate merged frame by frame: the candidate's values, with the baseline's total
 * in `before` (0 where the baseline never had the frame, and a frame only the baseline had keeps
 * its place with `total` 0).
 */
export function diffFlameTrees(before: FlameNode, after: FlameNode): FlameNode {
  const byName = new Map<string, { b?: FlameNode; a?: FlameNode }>();
  for (const c of before.children) byName.set(c.name, { b: c });
  for (const c of after.children) byName.set(c.name, { ...byName.get(c.name), a: c });
  const empty = (n: FlameNode): FlameNode => ({ name: n.name, self: 0, total: 0, children: [] });
  const children = [...byName.values()].map(({ b, a }) => diffFlameTrees(b ?? empty(a as FlameNode), a ?? empty(b as FlameNode))).sort(bigFirst);
  const node: FlameNode = { name: after.name, self: after.self, total: after.total, before: before.total, children };
  if (after.folded || before.folded) node.folded = true;
  const pruned = (after.pruned ?? 0) + (before.pruned ?? 0);
  if (pruned) node.pruned = pruned;
  return node;
}

/**
 * Merges, under each parent, the children weighing less than `threshold` into one `other` node
 * (their subtrees dropped), so that a capture of a million stacks saves a few hundred nodes.
 */
export function pruneFlameTree(node: FlameNode, threshold: number): FlameNode {
  const kept: FlameNode[] = [];
  let other: FlameNode | undefined;
  for (const c of node.children) {
    if (flameWeight(c) >= threshold) {
      kept.push(pruneFlameTree(c, threshold));
      continue;
    }
    other ??= { name: PRUNED_NAME, self: 0, total: 0, pruned: 0, children: [], ...(node.before !== undefined ? { before: 0 } : {}) };
    other.self += c.total;
    other.total += c.total;
    if (other.before !== undefined) other.before += c.before ?? 0;
    other.pruned = (other.pruned ?? 0) + (c.pruned ?? 1);
  }
  if (other) kept.push(other);
  return { ...node, children: kept };
}

/** A tree as a view saves it: pruned at `minShare` of the whole (of both sides for a differential tree). */
export function flameGraph(unit: FlameUnit, tree: FlameNode, minShare = DEFAULT_MIN_SHARE, diff?: FlameGraph['diff']): FlameGraph {
  const prunedBelow = flameWeight(tree) * minShare;
  const graph: FlameGraph = { unit, root: pruneFlameTree(tree, prunedBelow), prunedBelow };
  if (diff) graph.diff = diff;
  return graph;
}

/** Every node of a tree with its parent chain, root first; for walking and searching. */
export function* flameNodes(node: FlameNode, path: readonly FlameNode[] = []): Generator<{ node: FlameNode; path: readonly FlameNode[] }> {
  yield { node, path };
  for (const c of node.children) yield* flameNodes(c, [...path, node]);
}

/**
 * The frames in which the stacks through any frame named `name` end (their innermost frames): what
 * a table keyed by the innermost frame keeps when it is filtered by a frame of the graph.
 */
export function stackEndsThrough(root: FlameNode, name: string): Set<string> {
  const ends = new Set<string>();
  const collect = (n: FlameNode) => {
    if (n.self > 0) ends.add(n.name);
    n.children.forEach(collect);
  };
  for (const { node } of flameNodes(root)) if (node.name === name && node !== root) collect(node);
  return ends;
}

/**
 * `void std::vector<int, std::allocator<int> >::_M_realloc_insert<…>(It, X&&) /usr/include/c++/12/bits/vector.tcc:453`
 * → `void std::vector::_M_realloc_insert() vector.tcc:453`: what fits in a frame (the UI's icicle, the
 * report's), the full name going in its tooltip.
 */
export function shortFrameName(name: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    const opensArguments = c === '(' && (depth > 0 || (i > 0 && name[i - 1] !== ' ' && !name.startsWith('(anonymous', i)));
    if (c === '<' || opensArguments) {
      if (depth === 0 && c === '(') out += '()';
      depth++;
    } else if ((c === '>' || c === ')') && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out.replace(/(^|\s)(?:[^\s/:]*\/)+([^\s/]+:\d+)$/, '$1$2');
}
