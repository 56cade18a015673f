import type { RankedEntry } from './summary';
import { median } from '../core/median';

/** How unevenly lock wait falls on threads: a few starved threads vs every thread queuing alike. */
export interface ThreadImbalance {
  threads: number;
  maxLabel: string;
  maxNs: number;
  medianNs: number;
  /** max / median; 1 when every thread waits the same. */
  maxToMedian: number;
  /** Coefficient of variation of per-thread wait. */
  variation: number;
}

export function threadImbalance(threads: readonly RankedEntry[]): ThreadImbalance | undefined {
  const waiting = threads.filter((t) => t.totalNs > 0);
  if (waiting.length < 2) return undefined;
  const values = waiting.map((t) => t.totalNs as number);
  const middle = median(values);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  const top = waiting.reduce((a, b) => (b.totalNs > a.totalNs ? b : a));
  return {
    threads: waiting.length,
    maxLabel: top.tid !== undefined && !top.label.includes(String(top.tid)) ? `${top.label} (${top.tid})` : top.label,
    maxNs: top.totalNs,
    medianNs: middle,
    maxToMedian: middle ? top.totalNs / middle : Number.POSITIVE_INFINITY,
    variation: mean ? sd / mean : 0,
  };
}
