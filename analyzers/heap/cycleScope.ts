import { isRuntimeClass } from './frameworkStructures';
import type { HeapSnapshotSummary } from './constructorSummary';
import { MIN_INSTANCES } from './viewCycles';

/** The classes user-class cycles pass through (a friends list, a guild's member set), never their holders. */
export const COLLECTION_CLASSES: ReadonlySet<string> = new Set(['Array', 'Map', 'Set', 'Object', '(array)']);

/**
 * Where the cycle search starts and how far it reaches, from the summaries of the snapshots of one
 * process (no walk of the graph). Only classes with at least `MIN_INSTANCES` more objects in the last
 * snapshot than in the first: a cycle is a finding only when it keeps growing memory alive, and a
 * cycle whose holders' class does not grow keeps no more of them alive.
 */
export interface CycleScope {
  /**
   * The program's own classes that grow, largest retained first as the summary lists them: the
   * search starts from their objects. V8's own classes are structure; collections are left out
   * because in a leaking heap every array grows, and starting from every array searches most of it.
   */
  holders: string[];
  /**
   * The collections that grow: one the search reaches from a holder is searched as far as a holder
   * is, so that a cycle through it (a guild's member list, two steps from each member) is whole.
   */
  collections: string[];
}

export function cycleScope(summaries: readonly HeapSnapshotSummary[]): CycleScope {
  const first = summaries[0];
  const last = summaries[summaries.length - 1];
  if (!first || first === last) return { holders: [], collections: [] };
  const before = new Map(first.constructors.map((c) => [c.name, c.count]));
  const growing = last.constructors.filter((c) => !isRuntimeClass(c.name) && c.count - (before.get(c.name) ?? 0) >= MIN_INSTANCES).map((c) => c.name);
  return { holders: growing.filter((name) => !COLLECTION_CLASSES.has(name)), collections: growing.filter((name) => COLLECTION_CLASSES.has(name)) };
}
