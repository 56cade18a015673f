import type { LimitKey } from './limits';

export type FigureUnit = 'ms' | 'req/s' | '%' | 'bytes' | 'bytes/h' | 'ns/s' | 'ns';

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
}

export type FigureStatus = 'regressed' | 'within-limit' | 'improved' | 'noise';

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

export const meanOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
