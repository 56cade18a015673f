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
  it('keeps fractional steps for other units', () => {
    expect(tickLabels(0, 2, 1000)).toContain('0.5');
  });
});
