import type { EpochMillis } from '../core/units';
import type { MetricUnit } from '../core/timeSeries';
import type { SeriesBuilder } from './seriesBuilder';

/**
 * Cumulative counters read from successive captures (Redis `keyspace_misses`, cgroup `oom_kill`)
 * turned into per-second rates over each interval, the way Prometheus' `rate()` does. A counter
 * that goes down was reset (the server restarted): that interval has no rate and is counted.
 */
export class CounterRates {
  private readonly last = new Map<string, { atMs: EpochMillis; value: number }>();
  resets = 0;

  constructor(private readonly series: SeriesBuilder) {}

  add(name: string, unit: MetricUnit, labels: Record<string, string>, atMs: EpochMillis, value: number): void {
    const key = `${name}\u0000${JSON.stringify(labels)}`;
    const before = this.last.get(key);
    this.last.set(key, { atMs, value });
    if (!before || atMs <= before.atMs) return;
    if (value < before.value) {
      this.resets++;
      return;
    }
    this.series.add(name, unit, labels, atMs, ((value - before.value) * 1000) / (atMs - before.atMs));
  }
}
