import type { LockTool } from './model';
import type { LockSummary } from './summary';

/** `2.90 s`, `11.94 µs`, `559 ns`: perf's units, so numbers read the same as in its tables. */
export function formatNanos(ns: number): string {
  const a = Math.abs(ns);
  if (a >= 3600e9) return `${(ns / 3600e9).toFixed(2)} h`;
  if (a >= 60e9) return `${(ns / 60e9).toFixed(2)} min`;
  if (a >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (a >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (a >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${Math.round(ns)} ns`;
}

/** What the share and timing numbers mean in this input, for titles and evidence. */
export function timeWord(summary: Pick<LockSummary, 'timeMeaning'>): string {
  return summary.timeMeaning === 'hold' ? 'hold time' : 'lock wait';
}

/** Average number of threads waiting at any moment: total wait over the capture length. */
export function concurrentWaiters(summary: Pick<LockSummary, 'timeMeaning' | 'spanNs'>, totalNs: number): number | undefined {
  return summary.spanNs && summary.timeMeaning === 'wait' ? totalNs / summary.spanNs : undefined;
}

/** The tools' own names, for headings and report titles. */
export const LOCK_TOOL_NAMES: Record<LockTool, string> = {
  'perf-lock-report': 'perf lock report',
  'perf-lock-contention': 'perf lock contention',
  'perf-lock-info': 'perf lock info',
  'perf-script': 'perf script (lock + futex events)',
  mutrace: 'mutrace',
  'lock-stat': '/proc/lock_stat',
  klockstat: 'klockstat',
  'aftermath-json': 'lock-stats JSON',
  'go-pprof': 'Go pprof (mutex / block profile)',
  'folded-stacks': 'folded off-CPU stacks (offcputime -f)',
  futexctn: 'bcc futexctn (futex waits by stack)',
};
