import { isRuntimeClass } from './frameworkStructures';
import type { HeapSnapshotSummary } from './constructorSummary';
import { MIN_INSTANCES } from './viewCycles';

/**
 * The classes whose objects can hold a cycle that matters, from the summaries of the snapshots of one
 * process (no walk of the graph): those with at least `MIN_INSTANCES` more objects in the last snapshot
 * than in the first. A cycle is a finding only when it keeps growing memory alive, and a cycle whose
 * holders' class does not grow keeps no more of them alive; V8's own classes are structure. Largest
 * retained first, as the summary lists them.
 */
export function growingClasses(summaries: readonly HeapSnapshotSummary[]): string[] {
  const first = summaries[0];
  const last = summaries[summaries.length - 1];
  if (!first || first === last) return [];
  const before = new Map(first.constructors.map((c) => [c.name, c.count]));
  return last.constructors.filter((c) => !isRuntimeClass(c.name) && c.count - (before.get(c.name) ?? 0) >= MIN_INSTANCES).map((c) => c.name);
}
