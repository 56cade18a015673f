/*
 * A flame graph as a case file saves it (in the alloc and locks views), declared apart from
 * analyzers/core/flameGraph.ts so that a change there cannot change the saved format unnoticed
 * (savedViews.ts; docs/case.md, "Saved types").
 */

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

/** Icicle data: the root at the top, each stack's innermost frame at the bottom. */
export interface FlameGraph {
  unit: FlameUnit;
  /** Named `all`; its total is the sum over every stack. */
  root: FlameNode;
  /** Children below this value (in `unit`) were merged into one `pruned` node per parent. */
  prunedBelow: number;
  /** Differential graphs: the two sides' files, and `before` is set at every node. */
  diff?: { before: string; after: string };
}
