import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minMaxPerColumn } from '../minMaxPerColumn';
import { INCIDENTS, load } from '../../timeline/tests/helpers';

// The cache-stampede sample: 1,800 one-second samples; cache misses jump from ~100 to thousands at 17:00:01.
async function misses() {
  const { artifact } = await load(join(INCIDENTS, 'cache-stampede', 'metrics.csv'));
  const s = artifact.series.find((x) => x.name === 'cache_misses')!;
  return { t: s.t, v: s.v };
}

describe('min and max per pixel column', () => {
  it('keeps the lowest and highest sample of every column, at every zoom, in time order', async () => {
    const { t, v } = await misses();
    const full = [t[0], t[t.length - 1]] as const;
    const ranges = [full, [full[0] + 600_000, full[0] + 900_000], [full[0] + 610_500, full[0] + 612_300]] as const;
    for (const [from, to] of ranges) {
      for (const columns of [7, 120, 800]) {
        const out = minMaxPerColumn(t, v, from, to, columns);
        const width = (to - from) / columns;
        const inColumn = new Map<number, number[]>();
        t.forEach((ms, i) => {
          if (ms < from || ms > to) return;
          const c = Math.min(columns - 1, Math.floor((ms - from) / width));
          inColumn.set(c, [...(inColumn.get(c) ?? []), i]);
        });
        for (const indexes of inColumn.values()) {
          const values = indexes.map((i) => v[i]);
          const kept = out.v.filter((_, k) => indexes.some((i) => t[i] === out.t[k]));
          expect(kept).toContain(Math.min(...values));
          expect(kept).toContain(Math.max(...values));
          expect(kept.length).toBeLessThanOrEqual(2);
        }
        expect(out.t).toEqual([...out.t].sort((a, b) => a - b));
      }
    }
  });

  it('draws at most two points a pixel, and the stampede peak at every width', async () => {
    const { t, v } = await misses();
    const peak = Math.max(...v);
    for (const columns of [10, 100, 400]) {
      const out = minMaxPerColumn(t, v, t[0], t[t.length - 1], columns);
      expect(out.v.length).toBeLessThanOrEqual(2 * (columns + 1));
      expect(out.v).toContain(peak);
    }
  });

  it('keeps every sample when there are fewer than the columns, plus one either side of the range', async () => {
    const { t, v } = await misses();
    const out = minMaxPerColumn(t, v, t[100], t[399], 1000);
    expect(out.t).toEqual(t.slice(99, 401));
    expect(out.v).toEqual(v.slice(99, 401));
  });

  it('leaves out values that are not finite', () => {
    expect(minMaxPerColumn([0, 1, 2, 3], [1, NaN, Infinity, 4], 0, 3, 10)).toEqual({ t: [0, 3], v: [1, 4] });
  });
});
