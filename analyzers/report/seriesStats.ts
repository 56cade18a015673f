import type { EpochMillis } from '../core/units';
import type { SeriesPeak } from './reportModel';
import type { MetricSeries } from '../core/timeSeries';

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

