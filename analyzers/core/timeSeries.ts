import type { EpochMillis } from './units';

/** Units as the inputs state them; kept so charts and reports label axes honestly. */
export type MetricUnit = 'bytes' | '%' | 'ms' | 's' | 'ops/s' | 'req/s' | 'count' | 'connections' | '';

/** One metric series, columnar; at most a few thousand points (the loader downsamples for display). */
export interface MetricSeries {
  id: string;
  name: string;
  unit: MetricUnit;
  labels: Record<string, string>;
  source: string;
  t: EpochMillis[];
  v: number[];
}
