import { percentileOfSorted } from '../core/median';
import { plural } from '../core/numberFormat';
import { millis, type Millis } from '../core/units';

export type LoadTool = 'wrk' | 'k6' | 'locust' | 'jmeter';

/** What each tool calls one unit of its load, in the singular. */
const CONCURRENCY_NOUN: Record<LoadTool, string> = { wrk: 'connection', k6: 'VU', locust: 'user', jmeter: 'thread' };

/** `1 connection`, `64 connections`, `1,000 VUs`: a load level in the tool's own word. */
export const concurrencyText = (tool: LoadTool, n: number): string => plural(n, CONCURRENCY_NOUN[tool]);

/** The tool's word for load levels in general (`connections at the break`). */
export const concurrencyWord = (tool: LoadTool): string => `${CONCURRENCY_NOUN[tool]}s`;

/**
 * One concurrency step of a load test: what the tool measured while that many connections,
 * virtual users or threads ran. Latencies are in ms; a percentile the tool did not print is absent.
 */
export interface LoadStep {
  /** Connections (wrk), VUs (k6), users (Locust), threads (JMeter); absent for a whole-run summary that does not say. */
  concurrency?: number;
  /** Epoch ms when the run has a clock (`LoadTestRun.clock`), else ms since the run's start. */
  startMs: number;
  durationMs: Millis;
  requests: number;
  /** Failed requests: non-2xx/3xx answers and socket errors (wrk), failures (Locust, k6), `success=false` (JMeter). */
  errors: number;
  /** Requests per second over the step. */
  throughput: number;
  meanMs?: number;
  p50Ms?: number;
  p90Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  maxMs?: number;
}

/** One load-test result file: its steps in the order they ran. */
export interface LoadTestRun {
  tool: LoadTool;
  file: string;
  /** The URL or host under load, when the output names it. */
  target?: string;
  /**
   * 'wall': step times are epoch ms. 'relative': the output has no clock (wrk, a k6 summary): the
   * steps are laid end to end from the run's start, which the timeline places on the anchor date.
   */
  clock: 'wall' | 'relative';
  steps: LoadStep[];
}

/** Error share of a step in percent (0 when it made no request). */
export const errorPercent = (s: LoadStep): number => (s.requests > 0 ? (100 * s.errors) / s.requests : 0);

/** The step's end on the run's clock. */
export const stepEndMs = (s: LoadStep): number => s.startMs + s.durationMs;

/**
 * A step from every request's latency (JMeter's JTL rows, k6's points): throughput over the step's
 * duration and exact nearest-rank percentiles.
 */
export function stepFromLatencies(at: { startMs: number; durationMs: number; errors: number; latenciesMs: readonly number[] }): LoadStep {
  const sorted = Float64Array.from(at.latenciesMs).sort();
  return {
    startMs: at.startMs,
    durationMs: millis(at.durationMs),
    requests: sorted.length,
    errors: at.errors,
    throughput: sorted.length / (at.durationMs / 1000),
    meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    p50Ms: percentileOfSorted(sorted, 50),
    p90Ms: percentileOfSorted(sorted, 90),
    p95Ms: percentileOfSorted(sorted, 95),
    p99Ms: percentileOfSorted(sorted, 99),
    maxMs: sorted[sorted.length - 1],
  };
}
