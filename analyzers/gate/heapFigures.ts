import type { CaseResult } from '../case/caseResult';
import type { GateFigure } from '../case/saved/regression';
import type { HeapSnapshotView } from '../heap/view';
import { keysToCompare, type KeyedRun } from './figure';

/**
 * A class's share of the heap (bytes, or objects of all objects) below which it gets no figure of its
 * own. A leaking class of a small program is a small part of a Node heap (the incident's Player is
 * 0.25 % of it), so the floor is low; the heap total still counts everything.
 */
const CLASS_MIN_SHARE = 0.001;
const MAX_CLASSES = 5;

/**
 * The program's classes: V8's own categories — `(compiled code)`, `(string)`, `(array)`… — change
 * with what the JIT did between two runs of the same build, not with the build.
 */
const isProgramClass = (name: string) => !name.startsWith('(');

const classRun = (s: HeapSnapshotView, of: 'shallowBytes' | 'count'): KeyedRun => ({
  values: new Map(s.constructors.filter((r) => isProgramClass(r.name)).map((r) => [r.name, r[of]])),
  complete: true,
  total: of === 'count' ? s.nodeCount : s.totalBytes,
});

/** What each class gained from a side's first snapshot to its last. */
function growthRun(first: HeapSnapshotView, last: HeapSnapshotView): KeyedRun {
  const before = classRun(first, 'shallowBytes').values;
  const after = classRun(last, 'shallowBytes').values;
  const names = new Set([...before.keys(), ...after.keys()]);
  return { values: new Map([...names].map((n) => [n, (after.get(n) ?? 0) - (before.get(n) ?? 0)])), complete: true, total: last.totalBytes };
}

/**
 * Heap snapshots on both sides. A side's snapshots are one run of one process (oldest first, by
 * V8's object ids), so each figure has one value per side and the limit alone decides. Compared:
 * the heap size of the last snapshot (the state after the load); per class of the program, its
 * live bytes (shallow size) and object count in the last snapshot; and, when both sides have two
 * or more snapshots, what each class gained from the first to the last — the leak rate per run of
 * the same workload (a snapshot carries no clock, so the rate is per run, not per hour).
 */
export function heapFigures(baseline: CaseResult, candidate: CaseResult): GateFigure[] {
  const b = baseline.views.heap?.snapshots ?? [];
  const c = candidate.views.heap?.snapshots ?? [];
  const bl = b.at(-1);
  const cl = c.at(-1);
  if (!bl || !cl) return [];
  const base = { capability: 'heap' as const, better: 'lower' as const, baselineSources: [bl.file], candidateSources: [cl.file] };
  const bytesFig = { ...base, limitKey: 'heap' as const, unit: 'bytes' as const };
  const figures: GateFigure[] = [{ ...bytesFig, id: 'heap.total', label: 'heap size of the last snapshot', baseline: [bl.totalBytes], candidate: [cl.totalBytes] }];
  for (const k of keysToCompare([classRun(bl, 'shallowBytes')], [classRun(cl, 'shallowBytes')], CLASS_MIN_SHARE, MAX_CLASSES)) {
    figures.push({ ...bytesFig, id: `heap.class.${k.key}`, label: `${k.key}: live bytes in the last snapshot`, baseline: k.baseline, candidate: k.candidate });
  }
  for (const k of keysToCompare([classRun(bl, 'count')], [classRun(cl, 'count')], CLASS_MIN_SHARE, MAX_CLASSES)) {
    figures.push({ ...base, limitKey: 'heap-count', unit: 'objects', id: `heap.count.${k.key}`, label: `${k.key}: objects in the last snapshot`, baseline: k.baseline, candidate: k.candidate });
  }
  if (b.length < 2 || c.length < 2) return figures;
  const growth = { ...base, limitKey: 'heap-growth' as const, unit: 'bytes' as const, baselineSources: [b[0].file, bl.file], candidateSources: [c[0].file, cl.file] };
  for (const k of keysToCompare([growthRun(b[0], bl)], [growthRun(c[0], cl)], CLASS_MIN_SHARE, MAX_CLASSES)) {
    figures.push({ ...growth, id: `heap.growth.${k.key}`, label: `${k.key}: live bytes gained from the first to the last snapshot`, baseline: k.baseline, candidate: k.candidate });
  }
  return figures;
}
