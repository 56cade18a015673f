import type { EpochMillis } from '../core/units';
import type { RawSeries } from './artifact';
import type { MetricUnit } from '../core/timeSeries';

/** Collects points per (metric, labels) in file order and hands out series sorted by time. */
export class SeriesBuilder {
  private readonly byKey = new Map<string, RawSeries>();
  /** Points whose time was earlier than the previous point of their series; they are sorted, not dropped. */
  outOfOrder = 0;

  constructor(private readonly source: string) {}

  add(name: string, unit: MetricUnit, labels: Record<string, string>, t: EpochMillis, v: number): void {
    const key = seriesKey(name, labels);
    let s = this.byKey.get(key);
    if (!s) {
      s = { name, unit, labels, source: this.source, t: [], v: [] };
      this.byKey.set(key, s);
    }
    if (s.t.length && t < s.t[s.t.length - 1]) this.outOfOrder++;
    s.t.push(t);
    s.v.push(v);
  }

  get size(): number {
    return this.byKey.size;
  }

  build(): RawSeries[] {
    const out = [...this.byKey.values()];
    if (this.outOfOrder) for (const s of out) sortByTime(s);
    return out;
  }
}

/** `name{a="1",b="2"}`, the Prometheus way of writing a series' identity. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

function sortByTime(s: RawSeries): void {
  const order = s.t.map((_, i) => i).sort((a, b) => s.t[a] - s.t[b]);
  s.t = order.map((i) => s.t[i]);
  s.v = order.map((i) => s.v[i]);
}
