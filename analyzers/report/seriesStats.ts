import type { EpochMillis } from '../core/units';
import type { MetricSeries } from '../timeline/view';
import type { SeriesPeak } from './reportModel';

/** Max, min, first and last of a series, with when the extremes happened; undefined when it has no finite point. */
export function seriesPeak(series: MetricSeries): (SeriesPeak & { points: number; mean: number }) | undefined {
  let max = -Infinity;
  let min = Infinity;
  let maxAt = 0;
  let minAt = 0;
  let sum = 0;
  let points = 0;
  let first: number | undefined;
  let last = 0;
  for (let i = 0; i < series.v.length; i++) {
    const v = series.v[i];
    if (!Number.isFinite(v)) continue;
    first ??= v;
    last = v;
    sum += v;
    points++;
    if (v > max) [max, maxAt] = [v, series.t[i]];
    if (v < min) [min, minAt] = [v, series.t[i]];
  }
  if (first === undefined) return undefined;
  return {
    seriesId: series.id,
    name: series.name,
    unit: series.unit,
    max,
    maxAtMs: maxAt as EpochMillis,
    min,
    minAtMs: minAt as EpochMillis,
    first,
    last,
    points,
    mean: sum / points,
  };
}

/**
 * Keeps the shape of a long series in at most ~`maxPoints` points: the min and the max of each time
 * bucket, in time order, so a one-sample spike (a stampede's miss burst) survives downsampling.
 */
export function downsampleMinMax(t: readonly EpochMillis[], v: readonly number[], maxPoints: number): { t: EpochMillis[]; v: number[] } {
  const finite: number[] = [];
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i]) && Number.isFinite(t[i])) finite.push(i);
  if (finite.length <= maxPoints) return { t: finite.map((i) => t[i]), v: finite.map((i) => v[i]) };
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const start = t[finite[0]];
  const span = t[finite[finite.length - 1]] - start || 1;
  const out = { t: [] as EpochMillis[], v: [] as number[] };
  let b = 0;
  let lo = -1;
  let hi = -1;
  const flush = () => {
    if (lo < 0) return;
    for (const i of lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo]) {
      out.t.push(t[i]);
      out.v.push(v[i]);
    }
    lo = hi = -1;
  };
  for (const i of finite) {
    const bucket = Math.min(buckets - 1, Math.floor(((t[i] - start) / span) * buckets));
    if (bucket !== b) {
      flush();
      b = bucket;
    }
    if (lo < 0 || v[i] < v[lo]) lo = i;
    if (hi < 0 || v[i] > v[hi]) hi = i;
  }
  flush();
  return out;
}
