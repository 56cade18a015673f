import { describe, expect, it } from 'vitest';
import { captureTrend, describeTrend } from '../captureTrend';

describe('captureTrend', () => {
  it('tells a series still rising from one that rose and then held', () => {
    expect(captureTrend([100, 200, 300, 400, 500, 600]).shape).toBe('growing');
    expect(captureTrend([100, 200, 300, 300, 301, 300]).shape).toBe('plateau');
    // Three points cannot show a stop.
    expect(captureTrend([100, 200, 300]).shape).toBe('growing');
    expect(captureTrend([100, 300, 300]).shape).not.toBe('plateau');
    expect(captureTrend([500, 500, 501, 499]).shape).toBe('flat');
    expect(captureTrend([600, 400, 200]).shape).toBe('shrinking');
    expect(captureTrend([100, 900, 150, 1000, 120, 1100]).shape).toBe('irregular');
  });

  it('counts the captures at or above the one before and fits a line per capture', () => {
    const t = captureTrend([10, 20, 15, 30]);
    expect(t.monotonicCaptures).toBe(3);
    expect(t.slopePerCapture).toBeCloseTo(5.5, 6);
    expect(describeTrend('Player', captureTrend([2000, 4000, 6000, 8000, 10000, 12000]), 'snapshot')).toBe('Player +2,000 per snapshot, monotonic in 6 of 6, R² 1.00');
    expect(describeTrend('Cache', captureTrend([100, 200, 300, 300, 300, 300]), 'snapshot')).toMatch(/, reached a steady size \(300\)$/);
  });

  it('widens what holds for noisy estimates, never narrows it below 2 %', () => {
    // A sampled profile's bytes wobble by a few percent around a bound the program holds.
    const sampled = [1_400_000, 3_000_000, 4_000_000, 3_860_000, 3_700_000, 4_100_000];
    expect(captureTrend(sampled).shape).not.toBe('plateau');
    expect(captureTrend(sampled, 0.13).shape).toBe('plateau');
    expect(captureTrend([100, 200, 300, 300, 301, 300], 0).shape).toBe('plateau');
    // A tail inside a wide tolerance that keeps climbing at the pace before it has not levelled off.
    expect(captureTrend([130, 257, 308, 398, 515, 598], 0.35).shape).toBe('growing');
  });
});
