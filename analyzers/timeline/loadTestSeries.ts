import { extent } from '../core/extent';
import type { Finding } from '../core/finding';
import type { EpochMillis } from '../core/units';
import type { RawSeries } from './artifact';
import { errorPercent, stepEndMs, type LoadStep, type LoadTestRun } from './loadTest';
import type { MetricUnit } from '../core/timeSeries';

/**
 * Where runs without a clock (wrk, k6 and Locust summaries) start: the anchor date's midnight when
 * the user gave one, else the earliest time the case knows (its series and events, the windows of
 * the lock, heap and alloc findings: a lock capture of the same run), else the epoch. Their steps
 * keep their order and lengths.
 */
export function placeRelativeRuns(
  runs: readonly LoadTestRun[],
  anchorMidnightMs: number | undefined,
  datedMs: readonly number[],
  earlierFindings: readonly Finding[],
): { runs: LoadTestRun[]; placedAt?: { ms: number; why: string } } {
  if (!runs.some((r) => r.clock === 'relative')) return { runs: [...runs] };
  const known = extent([...datedMs, ...earlierFindings.flatMap((f) => (f.window ? [f.window.startMs] : []))]);
  const placedAt =
    anchorMidnightMs !== undefined
      ? { ms: anchorMidnightMs, why: 'the anchor date' }
      : known
        ? { ms: known.lo, why: 'the earliest time of the case' }
        : { ms: 0, why: 'no time anywhere in the case: 1970-01-01' };
  const placed = runs.map((r) => (r.clock === 'wall' ? r : { ...r, steps: r.steps.map((s) => ({ ...s, startMs: s.startMs + placedAt.ms })) }));
  return { runs: placed, placedAt };
}

/** Step functions of a run: two points per step (its start and end), so the chart shows plateaus. */
export function loadRunSeries(run: LoadTestRun): RawSeries[] {
  const series = (name: string, unit: MetricUnit, value: (s: LoadStep) => number | undefined): RawSeries | undefined => {
    const t: EpochMillis[] = [];
    const v: number[] = [];
    for (const s of run.steps) {
      const x = value(s);
      if (x === undefined) continue;
      t.push(s.startMs as EpochMillis, stepEndMs(s) as EpochMillis);
      v.push(x, x);
    }
    return t.length ? { name, unit, labels: { tool: run.tool }, source: run.file, t, v } : undefined;
  };
  return [
    series(`${run.tool} concurrency`, 'count', (s) => s.concurrency),
    series(`${run.tool} throughput`, 'req/s', (s) => s.throughput),
    series(`${run.tool} p99 latency`, 'ms', (s) => s.p99Ms),
    series(`${run.tool} error rate`, '%', (s) => (s.requests > 0 ? errorPercent(s) : undefined)),
  ].filter((s): s is RawSeries => s !== undefined);
}
