import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drawnAtMost } from './drawnAtMost';

describe('drawnAtMost: the analysis progress drawn twice a second, not at each event', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('draws the first value at once, then only the latest of those that came within the interval', () => {
    const drawn: number[] = [];
    const progress = drawnAtMost<number>(500, (v) => drawn.push(v));
    progress.push(1);
    expect(drawn).toEqual([1]);
    for (const v of [2, 3, 4]) {
      vi.advanceTimersByTime(100);
      progress.push(v);
    }
    expect(drawn).toEqual([1]);
    vi.advanceTimersByTime(200);
    expect(drawn).toEqual([1, 4]);
    // Nothing came in the next interval: the next value is drawn as it comes.
    vi.advanceTimersByTime(500);
    progress.push(5);
    expect(drawn).toEqual([1, 4, 5]);
  });

  it('drops a waiting value once stopped (the result came), and draws the next at once', () => {
    const drawn: string[] = [];
    const progress = drawnAtMost<string>(500, (v) => drawn.push(v));
    progress.push('parsing');
    progress.push('dominators');
    progress.stop();
    vi.advanceTimersByTime(1_000);
    expect(drawn).toEqual(['parsing']);
    progress.push('next job');
    expect(drawn).toEqual(['parsing', 'next job']);
  });
});
