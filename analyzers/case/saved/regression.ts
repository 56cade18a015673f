import type { CaptureComparison } from '../../locks/compareCaptures';
import type { FlameGraph } from './flameGraph';

/**
 * What \`aftermath gate\` saves with the candidate's case (CaseViews.regression): the compared figures
 * and their verdicts. The comparison itself lives in analyzers/gate; these are its saved types.
 */

/** What a gate compares, by the name a limit is set under (\`--max-regression p99=10%\`). */
export type LimitKey = 'p99' | 'mean' | 'throughput' | 'errors' | 'cpu' | 'memory' | 'lock-wait' | 'leak' | 'leak-rate' | 'heap' | 'heap-count' | 'heap-growth';

/**
 * How much worse the candidate may be before the gate fails: a fraction of the baseline (0.1 = the
 * 10 % rule) for every figure but \`errors\`, which is in percentage points (an error rate of 0 has
 * no relative change).
 */
export type GateLimits = Record<LimitKey, number>;

export interface GateSettings {
  limits: GateLimits;
  alpha: number;
}

export type FigureUnit = 'ms' | 'req/s' | '%' | 'bytes' | 'bytes/h' | 'ns/s' | 'ns' | 'ns/op' | 'objects';

/**
 * One figure measured on both sides, one value per run (repeated runs give several): what a
 * comparer of one capability hands the judge.
 */
export interface GateFigure {
  /** Stable across builds, e.g. `load.wrk.c128.p99`; the JUnit test name. */
  id: string;
  capability: 'timeline' | 'load-test' | 'locks' | 'alloc' | 'heap';
  /** `wrk P99 at 128 connections`. */
  label: string;
  limitKey: LimitKey;
  unit: FigureUnit;
  /** Which direction is better: latency and waits go down, throughput up. */
  better: 'lower' | 'higher';
  baseline: number[];
  candidate: number[];
  /** The candidate files the figure was read from (annotations point at them). */
  candidateSources: string[];
  baselineSources: string[];
  /**
   * The sides did different work per second (by more than the throughput limit): a change in the
   * direction the load difference explains (`explains`) cannot be told from the build's and is
   * judged not comparable; `text` says why.
   */
  loadShift?: { explains: 'better' | 'worse'; text: string };
}

export type FigureStatus = 'regressed' | 'within-limit' | 'improved' | 'noise' | 'not-comparable';

/** A figure with the verdict on it. */
export interface JudgedFigure extends GateFigure {
  baselineMean: number;
  candidateMean: number;
  /** How much worse the candidate is: a fraction of the baseline, or points for errors; negative = better. */
  worseBy: number;
  limit: number;
  status: FigureStatus;
  /** Present when both sides had at least two runs. */
  test?: { t: number; df: number; p: number };
  /** One sentence: why it passed or failed. */
  reason: string;
}

/** The gate's outcome: every figure both sides have, judged; serializable into the report and a case. */
export interface GateResult {
  verdict: 'pass' | 'fail';
  figures: JudgedFigure[];
  settings: GateSettings;
  /** The noise test as stated to the user. */
  testDescription: string;
  baselineFiles: string[];
  candidateFiles: string[];
  /** The lock captures' before/after comparison (the first capture of each side). */
  lockComparison?: CaptureComparison;
  /** Each candidate file's flame graph merged with the baseline's of the same kind, for the views' before/after mode. */
  flames?: FlameGraph[];
}
