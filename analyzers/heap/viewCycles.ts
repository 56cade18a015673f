/*
 * Which reference-cycle patterns the analysis reports and the Heap tab lists first: one rule, here,
 * in a view module so that the renderer shows the analysis's decision instead of restating it.
 */

/** Fewer instances than this (or less growth) is Node's own bookkeeping, not a finding. */
export const MIN_INSTANCES = 10;

/** Cycles are collectable in a GC'd heap: a pattern matters when it is frequent or growing. */
export const isNotableCycle = (c: { grows?: boolean; instances: number }): boolean => c.grows === true || c.instances >= MIN_INSTANCES;
