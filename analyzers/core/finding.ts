import type { Bytes, EpochMillis, Millis, Nanos } from './units';

/** Ordered from least to most severe; the index is the rank used by `--fail-on`. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** What kind of problem a finding describes; the RCA report groups and links findings by it. */
export type FindingCategory =
  | 'memory-leak'
  | 'memory-growth'
  | 'circular-reference'
  | 'lock-contention'
  | 'threshold-breach'
  | 'cache-stampede'
  | 'pool-exhaustion'
  | 'throughput-collapse'
  | 'load-test-break'
  | 'cascade'
  | 'oom'
  | 'input-quality';

/** One number or fact that supports a finding; `unit` lets exporters format it. */
export interface EvidenceItem {
  label: string;
  value: string | number;
  unit?: 'bytes' | 'ms' | 'ns' | '%' | 'count' | 'bytes/h' | 'ops/s' | 'ratio';
}

/**
 * The evidence label of a memory finding whose objects are held by a cache (a holder named so): a
 * cache keeps what it holds on purpose, so the report does not say they should have been released.
 */
export const HELD_BY_CACHE = 'held by a cache';

/** A chain that shows *why*: a retainer path, an allocation stack, a lock call path. */
export interface EvidencePath {
  label: string;
  steps: string[];
}

export interface Finding {
  /** Stable within one analysis run, e.g. `heap.leak-cluster.0`. */
  id: string;
  /** Which analysis produced it, e.g. `heap.leaks` — one analysis, one id. */
  analysis: string;
  category: FindingCategory;
  severity: Severity;
  /** One line, readable on its own. */
  title: string;
  /** A few sentences that explain the finding in the user's terms. */
  detail: string;
  evidence: EvidenceItem[];
  paths: EvidencePath[];
  suggestedFix: string;
  /** Input files the finding was derived from (display names, not absolute paths). */
  sources: string[];
  /** When the finding applies, if the input carries time (snapshot taken at, capture window, breach). */
  window?: { startMs: EpochMillis; endMs?: EpochMillis };
  /** What it cost, measured; `severity` is computed from it (core/severity.ts) and the RCA ranks by it. */
  impact: FindingImpact;
  /** What real-world problem it is, so the findings of one problem merge (report/mergeFindings.ts). */
  subject?: FindingSubject;
}

/**
 * The problem a finding describes, in terms another analysis or another slot of the same container
 * would describe it with. Findings with equal `key`s are one problem; a finding `partOf` a class
 * (a closure that captures leaked Players, a cycle among them) joins the finding about that class.
 */
export interface FindingSubject {
  key: string;
  /** Where this finding saw the problem when the key leaves it out: `levelup:3`, `[12]`, a map key. */
  slot?: string;
  /** The class of the objects at fault, for `partOf` to find. */
  objects?: string;
  /** Classes whose problem this is part of; it joins the first that has a finding. */
  partOf?: string[];
  /** Classes whose growth is mostly this finding's objects (a leak cluster holding most of what each added). */
  holdsGrowthOf?: string[];
  /**
   * The class whose instances this finding counts (a trend): it joins the finding that holds that
   * class's growth, as the same growth counted another way, and is no evidence of a finding about
   * other objects.
   */
  population?: string;
}

/**
 * How a finding hurts, in terms every capability shares, so a native leak, a heap leak, a lock and a
 * latency breach can be ranked against each other. Each analysis fills the parts it can measure.
 */
export interface FindingImpact {
  /** Memory the finding's objects hold at the last observation. */
  retained?: RetainedMemory;
  /** Memory that kept growing across observations. */
  growth?: MemoryGrowth;
  /** Lock wait the finding accounts for. */
  lockWait?: LockWait;
  /** A stretch of time a service metric spent beyond its limit. */
  breach?: Breach;
  /** Processes the kernel killed for memory. */
  oomKills?: number;
  /** The finding shows things getting better (the "after" side of a comparison): information, not a problem. */
  improvement?: boolean;
}

/**
 * `live`: held in a running process at one capture (one snapshot shows size, not growth);
 * `detached`: DOM nodes no document holds any more, yet retained; `leaked-at-exit`: blocks no
 * pointer reached when the program ended; `reachable-at-exit`: still referenced at exit, never freed;
 * `unfreed-at-exit`: never freed by exit, by a tool that cannot tell the two apart (heaptrack counts a
 * global cache as leaked).
 */
export type RetainedState = 'live' | 'detached' | 'leaked-at-exit' | 'reachable-at-exit' | 'unfreed-at-exit';

export interface RetainedMemory {
  bytes: Bytes;
  /** `bytes` as a share (0..1) of everything the capture holds (heap total, the report's total). */
  share?: number;
  state: RetainedState;
}

/** Where a growth's time axis came from; `none` when the captures carry no time. */
export type GrowthTimeBase = 'metrics' | 'snapshot-times' | 'allocation-log' | 'none';

export interface MemoryGrowth {
  /** Bytes added over the observation (a cluster's retained size, a fitted line's rise). */
  grownBytes?: Bytes;
  /** Objects added, when their size is unknown (a cycle pattern's instances). */
  grownObjects?: number;
  /** Captures or samples it grew across: 2 is a difference, 3 or more a trend. */
  observations: number;
  timeBase: GrowthTimeBase;
  /** How long the observation lasted, when the time base knows it. */
  overMs?: Millis;
  bytesPerHour?: number;
  /** Share (0..1) of the whole capture's growth over the same observation that this accounts for. */
  shareOfGrowth?: number;
  hoursToLimit?: number;
  /** The memory reached its limit (then the process restarted or was killed). */
  limitReached?: boolean;
}

export interface LockWait {
  /** Share (0..1) of all lock wait in the capture. */
  share: number;
  /** Threads waiting at any moment on average (total wait over the capture length), when the capture has a length. */
  meanWaiters?: number;
  totalWaitNs?: Nanos;
}

/** Latency, errors and throughput are what users feel; CPU and memory are resources. */
export type BreachMetric = 'latency' | 'errors' | 'throughput' | 'cpu' | 'memory';

export interface Breach {
  metric: BreachMetric;
  durationMs: Millis;
  /** Peak over the threshold or baseline: 2 is twice the P99 limit; for throughput, baseline over the low. */
  peakRatio: number;
  /** Services the failure spread across, when it spread. */
  services?: number;
}

