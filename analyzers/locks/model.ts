import type { EpochMillis, Nanos } from '../core/units';

/** The tool (and, for perf, the subcommand) that printed an input. */
export type LockTool =
  | 'perf-lock-report'
  | 'perf-lock-contention'
  | 'perf-lock-info'
  | 'perf-script'
  | 'mutrace'
  | 'lock-stat'
  | 'klockstat'
  | 'aftermath-json'
  | 'go-pprof'
  | 'folded-stacks'
  | 'futexctn';

/** mutrace measures how long a mutex was held, not how long threads waited for it. */
export type TimeMeaning = 'wait' | 'hold';

/** One stack frame as perf, mutrace or lock_stat print it; innermost first in every stack. */
export interface LockFrame {
  /** The symbol as printed, offset included (`do_futex+0x183`), or `[unknown]`/the bare address. */
  symbol: string;
  /** The function name: offset and `(anonymous namespace)::` removed. Empty when unsymbolized. */
  fn: string;
  module?: string;
  address?: string;
  /** perf's DWARF unwinding prints inlined callers (`std::mutex::lock (inlined)`) at the same address. */
  inlined: boolean;
  kernel: boolean;
}

/** A call site that took a lock, as lock_stat, mutrace or an application's own counters list it. */
export interface CallerCount {
  label: string;
  count: number;
  waitTotalNs?: Nanos;
  stack?: LockFrame[];
}

/**
 * One row of a lock table, whatever the tool: a lock, a call site, a thread or a lock owner.
 * Times are optional because every tool prints a different subset (-F, mutrace's hold times).
 */
export interface LockRow {
  label: string;
  /** perf cuts names of 20 characters or more to 16 + `...`. */
  labelTruncated: boolean;
  /** spinlock, mutex, rwsem:R, futex... */
  lockType?: string;
  address?: string;
  tid?: number;
  acquired?: number;
  contended: number;
  waitTotalNs?: Nanos;
  waitMaxNs?: Nanos;
  waitMinNs?: Nanos;
  waitAvgNs?: Nanos;
  holdTotalNs?: Nanos;
  holdMaxNs?: Nanos;
  holdAvgNs?: Nanos;
  /** Shared (read) and exclusive (write) acquisitions, when the tool tells them apart. */
  reads?: number;
  writes?: number;
  /** How many lock instances the row stands for (a lock class: every player's inventory mutex). */
  instances?: number;
  /** Locks the application takes while holding this one (its own JSON export knows its lock order). */
  nestedLocks?: string[];
  /** Call stack under the row (perf -v, perf script, mutrace); innermost first. */
  stack: LockFrame[];
  callers: CallerCount[];
  /** 1-based line of the row in its file. */
  line?: number;
}

/** Futex traffic on one address (perf script): the raw material of wake-up storm detection. */
export interface FutexActivity {
  address: string;
  waits: number;
  wakeCalls: number;
  /** Sum of FUTEX_WAKE return values: threads actually woken. */
  woken: number;
  waitingThreads: number;
  waitTotalNs: Nanos;
}

/** Everything one lock input says, normalised to ns; the tables present depend on the tool. */
export interface LockCapture {
  tool: LockTool;
  /** The perf subcommand and options recognized from the layout, e.g. `contention -t`. */
  variant: string;
  timeMeaning: TimeMeaning;
  /** The program the input describes, when it says (lock-stats JSON). */
  program?: string;
  byLock: LockRow[];
  byCaller: LockRow[];
  byThread: LockRow[];
  byOwner: LockRow[];
  /** Capture length (first to last event), when the input has timestamps. */
  spanNs?: Nanos;
  window?: { startMs: EpochMillis; endMs?: EpochMillis };
  /** Counters the tool printed about itself (perf's `bad`/`total`, mutrace's runtime...). */
  toolTotals: Record<string, number>;
  /** `perf lock info`: thread names and lock instances. */
  info?: { threads: { tid: number; comm: string }[]; instances: { address: string; name: string }[] };
  futex: FutexActivity[];
  /** Futex waits that are not lock waits (condition variables, joins): idle time, kept apart. */
  idleWaits?: { count: number; totalNs: Nanos };
}

export function emptyCapture(tool: LockTool, variant: string, timeMeaning: TimeMeaning = 'wait'): LockCapture {
  return { tool, variant, timeMeaning, byLock: [], byCaller: [], byThread: [], byOwner: [], toolTotals: {}, futex: [] };
}
