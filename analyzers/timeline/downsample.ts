import { minMaxPerColumn } from '../core/minMaxPerColumn';

/**
 * Keeps the shape of a long series in at most ~`maxPoints` points: the min and the max of each time
 * bucket, in time order, so a one-sample spike (an OOM drop, a stampede's miss burst) survives at any
 * zoom, which averaging or every-nth sampling would lose. Non-finite points are left out. Used for
 * the timeline view and again for the report's charts; the buckets are minMaxPerColumn's columns over
 * the whole series.
 */
export function downsampleMinMax<T extends number>(t: readonly T[], v: readonly number[], maxPoints: number): { t: T[]; v: number[] } {
  const finite = { t: [] as T[], v: [] as number[] };
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]) || !Number.isFinite(t[i])) continue;
    finite.t.push(t[i]);
    finite.v.push(v[i]);
  }
  if (finite.t.length <= maxPoints) return finite;
  return minMaxPerColumn(finite.t, finite.v, finite.t[0], finite.t[finite.t.length - 1], Math.max(1, Math.floor(maxPoints / 2)));
}
