import { isRuntimeClass } from './frameworkStructures';
import type { HeapSnapshotSummary } from './constructorSummary';
import { MIN_INSTANCES } from './viewCycles';

/** Whose cycles are searched, and why those (the view says so). */
export interface CycleScope {
  /**
   * `growing`: the classes with at least `MIN_INSTANCES` more objects in the last snapshot than in the
   * first (snapshots of one process) — only their cycles can keep growing memory alive, the rule of a
   * cycle finding. `largest`: with one snapshot nothing can be seen to grow, so the classes whose
   * objects retain the most.
   */
  rule: 'growing' | 'largest';
  /** Class names whose objects are searched as the holders of a cycle, by retained size. */
  classes: string[];
}

/** With one snapshot: this many classes, the ones that retain the most. */
const LARGEST_CLASSES = 10;
/** Plain collections hold everything: as the holders of a one-snapshot search they would be the whole heap. */
const COLLECTIONS = new Set(['Array', 'Map', 'Set', 'Object', '(array)']);

/**
 * The classes whose objects can hold a cycle that matters, from the snapshots' summaries (no walk of
 * the graph): bounded by what grows, or by a top-N when nothing can be seen to grow.
 */
export function cycleScope(summaries: readonly HeapSnapshotSummary[], related: boolean): CycleScope {
  const last = summaries[summaries.length - 1];
  const candidates = last.constructors.filter((c) => c.count >= MIN_INSTANCES && !isRuntimeClass(c.name));
  if (related && summaries.length >= 2) {
    const before = new Map(summaries[0].constructors.map((c) => [c.name, c.count]));
    return { rule: 'growing', classes: candidates.filter((c) => c.count - (before.get(c.name) ?? 0) >= MIN_INSTANCES).map((c) => c.name) };
  }
  return { rule: 'largest', classes: candidates.filter((c) => !COLLECTIONS.has(c.name)).slice(0, LARGEST_CLASSES).map((c) => c.name) };
}
