import { nanos, type Nanos } from '../core/units';

/** Waits that went through one application path (innermost function first). */
export interface WaitsOnPath {
  path: string[];
  count: number;
  totalNs: Nanos;
}

/** One row of a callers column: an innermost function, its waits and its share of the whole. */
export interface CallerShare extends WaitsOnPath {
  label: string;
  share: number;
}

/**
 * Waits by path folded into their innermost application functions, biggest first, each with its share
 * of the whole (of the count when no time was measured): the callers column, of a lock or a thread,
 * in the summary and under a flame-graph frame alike.
 */
export function callersByInnermost(paths: readonly WaitsOnPath[]): CallerShare[] {
  const byLabel = new Map<string, CallerShare>();
  for (const p of paths) {
    const label = p.path[0] ?? '';
    const c = byLabel.get(label) ?? { label, count: 0, totalNs: nanos(0), share: 0, path: p.path };
    c.count += p.count;
    c.totalNs = nanos(c.totalNs + p.totalNs);
    byLabel.set(label, c);
  }
  const callers = [...byLabel.values()];
  const total = callers.reduce((s, c) => s + c.totalNs, 0);
  const totalCount = callers.reduce((s, c) => s + c.count, 0);
  for (const c of callers) c.share = total ? c.totalNs / total : totalCount ? c.count / totalCount : 0;
  return callers.sort((a, b) => b.totalNs - a.totalNs || b.count - a.count);
}
