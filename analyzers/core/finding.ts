import type { EpochMillis } from './units';

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
}

