import type { Nanos } from '../../core/units';
import type { FlameGraph } from './flameGraph';
import type { CaptureTrend } from './heapView';

/*
 * The locks view as a case file saves it (the `views` row `locks`), written out field by field:
 * the analysis derives its view from its own LockSummary (a Pick), so without this declaration a
 * change to that summary would change the saved format (savedViews.ts; docs/case.md, "Saved types").
 */

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

/** One row of a ranked table (locks, callers, threads, owners). */
export interface RankedEntry {
  label: string;
  lockType?: string;
  address?: string;
  tid?: number;
  contended: number;
  acquired?: number;
  /** contended / acquired, when the tool counts acquisitions. */
  contentionRate?: number;
  /** Wait time, or hold time for tools that only measure holds (see `timeMeaning`). */
  totalNs: Nanos;
  avgNs?: Nanos;
  maxNs?: Nanos;
  holdTotalNs?: Nanos;
  holdAvgNs?: Nanos;
  /** 0–1 of the input's total. */
  share: number;
  reads?: number;
  writes?: number;
  nestedLocks?: string[];
  instances?: number;
  /** Application functions that waited on this lock, biggest first. */
  callers: { label: string; count: number; totalNs: Nanos; share: number; path: string[] }[];
  line?: number;
  /** A thread's waits by application path (innermost frame first), when the input says (added without a version bump). */
  paths?: { path: string[]; count: number; totalNs: Nanos }[];
}

/** A node of the caller tree from the first application frame. */
export interface HotPathNode {
  label: string;
  count: number;
  totalNs: Nanos;
  /** 0–1 of all the wait of the input. */
  share: number;
  children: HotPathNode[];
}

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

export interface WakeupStorm {
  address: string;
  waits: number;
  wakeCalls: number;
  woken: number;
  waitingThreads: number;
  /** Wait + wake syscalls per second of capture. */
  syscallsPerSecond: number;
  /** Wake calls that found nobody to wake, or whose woken thread lost the race again. */
  futileWakeShare: number;
}

/** Everything shown for one lock input: its totals, then its tables, ranked by total time, biggest first. */
export interface LockInputView {
  file: string;
  tool: LockTool;
  /** The perf subcommand and options recognized from the layout, e.g. `contention -t`. */
  variant: string;
  timeMeaning: TimeMeaning;
  /** The program the input describes, when it says (lock-stats JSON). */
  program?: string;
  complete: boolean;
  totalNs: Nanos;
  totalContended: number;
  /** Capture length (first to last event), when the input has timestamps. */
  spanNs?: Nanos;
  /** Futex waits that are not lock waits (condition variables, joins): idle time, kept apart. */
  idleWaits?: { count: number; totalNs: Nanos };
  /** At most `maxRows` of each; the counts say how many there were. */
  locks: RankedEntry[];
  lockCount: number;
  callers: RankedEntry[];
  callerCount: number;
  threads: RankedEntry[];
  owners: RankedEntry[];
  /** Caller tree from the first application frame, with each node's share of all wait. */
  hotPaths: HotPathNode[];
  /** Wait (or hold) by stack, outermost caller at the root, small frames merged (absent in older cases). */
  flame?: FlameGraph;
  imbalance?: ThreadImbalance;
  storms: WakeupStorm[];
  /** `perf lock info`: thread names and lock instances. */
  info?: { threads: { tid: number; comm: string }[]; instances: { address: string; name: string }[] };
}

export interface CallerDelta {
  label: string;
  beforeNs: Nanos;
  afterNs: Nanos;
  deltaNs: Nanos;
  beforeCount: number;
  afterCount: number;
}

/** Before/after: consecutive captures of the same program by the same tool. */
export interface CaptureComparison {
  before: string;
  after: string;
  timeWord: string;
  beforeTotalNs: Nanos;
  afterTotalNs: Nanos;
  beforeContended: number;
  afterContended: number;
  /** Per second of capture, when both captures have timestamps. */
  beforeNsPerSecond?: number;
  afterNsPerSecond?: number;
  beforeContendedPerSecond?: number;
  afterContendedPerSecond?: number;
  /** Share of the hottest lock: a sharding fix spreads waits over many locks. */
  beforeTopLockShare?: number;
  afterTopLockShare?: number;
  beforeLocks: number;
  afterLocks: number;
  /** Biggest change first. */
  callers: CallerDelta[];
  /** after/before of the rate when known, of the totals otherwise; < 1 is an improvement. */
  ratio: number;
  /** Both captures' wait by stack, merged frame by frame (absent in older cases). */
  flame?: FlameGraph;
}

/** Which frames the view folded. */
export interface LockFoldingRules {
  /** Regular expression sources matched against the function name (offset removed). */
  functionPatterns: string[];
  /** Regular expression sources matched against the module (shared object) of an unnamed frame or any frame. */
  modulePatterns: string[];
  /** Fold every kernel frame when the stack has application frames. */
  foldKernel: boolean;
}

/** What the UI and the report show for locks inputs. */
export interface LocksView {
  files: string[];
  inputs: LockInputView[];
  comparisons: CaptureComparison[];
  folding: LockFoldingRules;
  /** Per lock, the trend over three or more captures of one program by one tool (schema 2). */
  trends?: LockTrendReport[];
}

export interface LockTrend {
  label: string;
  lockType?: string;
  address?: string;
  wait: CaptureTrend;
  contended: number[];
}

export interface LockTrendReport {
  tool: LockTool;
  variant: string;
  timeWord: string;
  /** File names, oldest first. */
  captures: string[];
  orderedBy: 'timestamps' | 'file order';
  /** Values in ns per second of capture; otherwise total ns. */
  perSecond: boolean;
  totalWait: number[];
  locks: LockTrend[];
}
