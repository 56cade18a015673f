import { describe, expect, it } from 'vitest';
import { axisLabel, niceRange } from '../chartGeometry';

/** The labels of the ticks niceRange gives, as the report's charts and the live timeline draw them. */
function tickLabels(min: number, max: number, base: number, multiples?: readonly number[]): string[] {
  const [lo, hi, step] = niceRange(min, max, base, multiples);
  const labels: string[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) labels.push(axisLabel(Math.round(v / step) * step, base === 1024 ? 'bytes' : ''));
  return labels;
}

describe('value axis ticks', () => {
  it('step bytes by whole bytes: a 0–2 B series reads 0 B, 1 B, 2 B, never 0.5 B', () => {
    for (const multiples of [undefined, [1, 2, 5, 10]] as const) {
      expect(tickLabels(0, 2, 1024, multiples)).toEqual(['0 B', '1 B', '2 B']);
      expect(tickLabels(-4, 0, 1024, multiples).every((l) => /^−?\d+ B$/.test(l))).toBe(true);
    }
  });
  it('ends a byte axis near 1 MiB on 1 MiB, stepping 256 KiB: no 1000 KiB tick, which would read `1 MiB`', () => {
    expect(tickLabels(0, 1010 * 1024, 1024)).toEqual(['0 B', '256 KiB', '512 KiB', '768 KiB', '1 MiB']);
    expect(tickLabels(0, 810 * 1024, 1024)).toEqual(['0 B', '256 KiB', '512 KiB', '768 KiB', '1 MiB']);
    expect(tickLabels(0, 900 * 1024, 1024, [1, 2, 5, 10])).toEqual(['0 B', '512 KiB', '1 MiB']);
    expect(tickLabels(-1000 * 2 ** 20, 0, 1024)).toEqual(['−1 GiB', '−768 MiB', '−512 MiB', '−256 MiB', '0 B']);
  });
  it('labels every byte tick with its exact size, in at most three digits before the unit', () => {
    const units: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };
    for (const multiples of [undefined, [1, 2, 5, 10]] as const) {
      for (let max = 1; max < 2 ** 42; max *= 1.0137) {
        const [lo, hi, step] = niceRange(0, Math.round(max), 1024, multiples);
        for (let v = lo; v <= hi + step / 2; v += step) {
          const tick = Math.round(v / step) * step;
          const [, digits, unit] = /^(\d{1,3}(?:\.\d)?) (\w+)$/.exec(axisLabel(tick, 'bytes')) ?? [];
          expect(Number(digits) * units[unit], `${axisLabel(tick, 'bytes')} on the axis to ${Math.round(max)} B`).toBe(tick);
        }
      }
    }
  });
  it('steps a narrow span far from zero in about four steps, never byte by byte', () => {
    const GiB = 2 ** 30;
    for (const [min, max] of [[3.9 * GiB, 4.1 * GiB], [4 * GiB, 4 * GiB + 20_000], [50 * 1024, 50 * 1024 + 123], [2 ** 40, 2 ** 40 + 3 * GiB], [1000, 1010]]) {
      const [lo, hi, step] = niceRange(min, max, 1024);
      // Floating point: a range's ends are products of its step.
      expect(lo).toBeLessThanOrEqual(min + step * 1e-6);
      expect(hi).toBeGreaterThanOrEqual(max - step * 1e-6);
      expect((hi - lo) / step, `${min}–${max} B by ${step} B`).toBeLessThanOrEqual(10);
    }
  });
  it('keeps fractional steps for other units', () => {
    expect(tickLabels(0, 2, 1000)).toContain('0.5');
  });
});
