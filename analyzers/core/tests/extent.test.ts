import { describe, expect, it } from 'vitest';
import { chooseAnchor } from '../../timeline/anchorDate';
import { extent } from '../extent';

describe('extent', () => {
  it('is the smallest and largest value, and undefined for none', () => {
    expect(extent([5, -2, 9, 0])).toEqual({ lo: -2, hi: 9 });
    expect(extent([])).toBeUndefined();
  });

  it('takes a long log’s worth of times, where spreading them into Math.min overflows the stack', () => {
    const times = Array.from({ length: 300_000 }, (_, i) => Date.UTC(2026, 2, 2) + i * 1000);
    expect(extent(times)).toEqual({ lo: times[0], hi: times[times.length - 1] });
    expect(chooseAnchor(undefined, times).date).toBe('2026-03-02');
  });
});
