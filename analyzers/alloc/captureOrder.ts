import type { LeakReport, LeakTool } from './model';

/** What put the captures of one process in order: their own sample ids or timestamps, or only the order given. */
export type CaptureOrderBasis = 'sample ids' | 'timestamps' | 'file order';

/** The runs of one tool that belong to one process, oldest first. */
export interface RunsOfOneProcess<R> {
  tool: LeakTool;
  runs: R[];
  orderedBy: CaptureOrderBasis;
}

/**
 * Tools whose captures can be taken again and again of one running process: heap profiles, heaptrack
 * and allocation logs. LeakSanitizer and Valgrind report once, at exit: several of them are several
 * runs (a before/after pair), never one process over time.
 */
const REPEATABLE: ReadonlySet<LeakTool> = new Set(['v8-heap-profile', 'pprof', 'heaptrack', 'event-log']);

interface Run {
  view: { tool: LeakTool; isDiff: boolean; complete: boolean };
  sites: readonly { key: string }[];
  capturedAt?: LeakReport['capturedAt'];
}

/**
 * Groups the complete runs of each repeatable tool (a diff is a comparison already; an incomplete run would read
 * as sites that vanished) that share allocation sites with the tool's first run, and orders them
 * by what they carry themselves: V8 numbers the samples of one sampling session across every
 * profile taken in it, pprof and event logs carry when they were written. When any run lacks that,
 * or two carry the same value, the order given is kept and `orderedBy` says so.
 */
export function runsOfOneProcess<R extends Run>(reports: readonly R[]): RunsOfOneProcess<R>[] {
  const byTool = new Map<LeakTool, R[]>();
  for (const r of reports) {
    if (r.view.isDiff || !r.view.complete || !REPEATABLE.has(r.view.tool)) continue;
    const runs = byTool.get(r.view.tool);
    if (!runs) byTool.set(r.view.tool, [r]);
    else if (r.sites.some((s) => runs[0].sites.some((f) => f.key === s.key))) runs.push(r);
  }
  return [...byTool].map(([tool, runs]) => {
    const basis = runs[0].capturedAt?.by;
    const values = runs.map((r) => (r.capturedAt?.by === basis ? r.capturedAt?.value : undefined));
    const ordered = basis !== undefined && values.every((v) => v !== undefined) && new Set(values).size === runs.length;
    if (!ordered) return { tool, runs, orderedBy: 'file order' as const };
    const order = runs.map((r, i) => ({ r, v: values[i] ?? 0 })).sort((a, b) => a.v - b.v);
    return { tool, runs: order.map((o) => o.r), orderedBy: basis };
  });
}
