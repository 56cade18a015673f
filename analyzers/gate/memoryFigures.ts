import type { CaseResult } from '../case/caseResult';
import type { GateFigure } from '../case/saved/regression';

/**
 * Allocation reports of the same tool on both sides: the bytes they report as leaked and, for event
 * logs, the leak rate. Site by site is not compared here: the alloc capability's `compareRuns` needs
 * the parsed stacks, which a saved case's view no longer holds.
 */
export function allocFigures(baseline: CaseResult, candidate: CaseResult): GateFigure[] {
  const b = baseline.views.alloc?.reports ?? [];
  const c = candidate.views.alloc?.reports ?? [];
  const figures: GateFigure[] = [];
  for (const tool of new Set(b.map((r) => r.tool))) {
    const bs = b.filter((r) => r.tool === tool && !r.isDiff);
    const cs = c.filter((r) => r.tool === tool && !r.isDiff);
    if (!bs.length || !cs.length) continue;
    const base = { capability: 'alloc' as const, limitKey: 'leak' as const, better: 'lower' as const, baselineSources: bs.map((r) => r.file), candidateSources: cs.map((r) => r.file) };
    figures.push({ ...base, id: `alloc.${tool}.leaked`, label: `${tool}: bytes reported as leaked`, unit: 'bytes', baseline: bs.map((r) => r.totals.bytes), candidate: cs.map((r) => r.totals.bytes) });
    if (bs.every((r) => r.growth) && cs.every((r) => r.growth)) {
      figures.push({ ...base, id: `alloc.${tool}.leak-rate`, label: `${tool}: live-bytes growth per hour`, unit: 'bytes/h', baseline: bs.map((r) => r.growth!.bytesPerHour), candidate: cs.map((r) => r.growth!.bytesPerHour) });
    }
  }
  return figures;
}

/**
 * Heap snapshots on both sides: the last snapshot of each (the state after the load) by total size,
 * and the classes that grew most in it by shallow size. One sample per side: a snapshot series is
 * one run. `compareSnapshots` needs both heap graphs, which a case does not keep.
 */
export function heapFigures(baseline: CaseResult, candidate: CaseResult, maxClasses = 5): GateFigure[] {
  const last = (c: CaseResult) => c.views.heap?.snapshots.at(-1);
  const b = last(baseline);
  const c = last(candidate);
  if (!b || !c) return [];
  const base = { capability: 'heap' as const, limitKey: 'heap' as const, unit: 'bytes' as const, better: 'lower' as const, baselineSources: [b.file], candidateSources: [c.file] };
  const figures: GateFigure[] = [{ ...base, id: 'heap.total', label: 'heap size of the last snapshot', baseline: [b.totalBytes], candidate: [c.totalBytes] }];
  const before = new Map(b.constructors.map((r) => [r.name, r.shallowBytes]));
  const grown = c.constructors
    .filter((r) => before.has(r.name))
    .map((r) => ({ name: r.name, was: before.get(r.name)!, now: r.shallowBytes }))
    .sort((x, y) => y.now - y.was - (x.now - x.was))
    .slice(0, maxClasses);
  for (const g of grown) figures.push({ ...base, id: `heap.class.${g.name}`, label: `${g.name} shallow bytes`, baseline: [g.was], candidate: [g.now] });
  return figures;
}
