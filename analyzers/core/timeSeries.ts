import type { EpochMillis } from './units';
import { nounFor } from './numberFormat';

/** Units as the inputs state them; kept so charts and reports label axes honestly. */
export type MetricUnit = 'bytes' | '%' | 'ms' | 's' | 'ops/s' | 'req/s' | 'count' | 'connections' | '';

/** The unit as written after `value`: a noun agrees with it (`1 connection`); symbols (`%`, `req/s`) never change. */
export const unitAfter = (value: number, unit: MetricUnit): string => (unit === 'connections' ? nounFor(value, 'connection') : unit);

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
