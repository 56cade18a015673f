import type { Bytes, EpochMillis, Millis, Nanos } from '../../core/units';

/*
 * A finding as a case file saves it, in the findings, evidence, evidence_paths and finding_sources
 * tables (docs/case.md). The analyses build analyzers/core/finding.ts's Finding; savedViews.ts checks
 * that both stay the same type, so a new field cannot be dropped on save unnoticed.
 */

/** Least to most severe; the case file's severity_rank is the index. */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export type FindingCategory =
  | 'memory-leak'
  | 'memory-growth'
  | 'circular-reference'
  | 'lock-contention'
  | 'threshold-breach'
  | 'cache-stampede'
  | 'pool-exhaustion'
  | 'throughput-collapse'
  | 'cascade'
  | 'oom'
  | 'load-test-break'
  | 'input-quality';

export interface EvidenceItem {
  label: string;
  value: string | number;
  unit?: 'bytes' | 'ms' | 'ns' | '%' | 'count' | 'bytes/h' | 'ops/s' | 'ratio';
}

/** A chain that shows why: a retainer path, an allocation stack, a lock call path. */
export interface EvidencePath {
  label: string;
  steps: string[];
}

export interface Finding {
  /** Stable within one analysis run, e.g. `heap.leak-cluster.0`; not unique. */
  id: string;
  /** Which analysis produced it, e.g. `heap.leaks`. */
  analysis: string;
  category: FindingCategory;
  severity: Severity;
  title: string;
  detail: string;
  evidence: EvidenceItem[];
  paths: EvidencePath[];
  suggestedFix: string;
  /** Input files the finding was derived from (display names, not absolute paths). */
  sources: string[];
  window?: { startMs: EpochMillis; endMs?: EpochMillis };
  /** The findings.impact_json cell (schema 2); a version 1 file reads as `{}`, nothing measured. */
  impact: FindingImpact;
  /** The findings.subject_json cell (schema 2), NULL when absent. */
  subject?: FindingSubject;
}

export interface FindingSubject {
  key: string;
  slot?: string;
  objects?: string;
  partOf?: string[];
  holdsGrowthOf?: string[];
  population?: string;
}

export interface FindingImpact {
  retained?: RetainedMemory;
  growth?: MemoryGrowth;
  lockWait?: LockWait;
  breach?: Breach;
  oomKills?: number;
  improvement?: boolean;
}

export type RetainedState = 'live' | 'detached' | 'leaked-at-exit' | 'reachable-at-exit' | 'unfreed-at-exit';

export interface RetainedMemory {
  bytes: Bytes;
  share?: number;
  state: RetainedState;
}

export type GrowthTimeBase = 'metrics' | 'snapshot-times' | 'allocation-log' | 'none';

export interface MemoryGrowth {
  grownBytes?: Bytes;
  grownObjects?: number;
  observations: number;
  timeBase: GrowthTimeBase;
  overMs?: Millis;
  bytesPerHour?: number;
  shareOfGrowth?: number;
  hoursToLimit?: number;
  limitReached?: boolean;
}

export interface LockWait {
  share: number;
  meanWaiters?: number;
  totalWaitNs?: Nanos;
}

export type BreachMetric = 'latency' | 'errors' | 'throughput' | 'cpu' | 'memory';

export interface Breach {
  metric: BreachMetric;
  durationMs: Millis;
  peakRatio: number;
  services?: number;
}
