import { describe, expect, it } from 'vitest';
import { formatEvidence, formatMetric } from '../reportFormat';
import { formatUtc } from '../../core/timeFormat';

describe('report formatting', () => {
  it('writes UTC times, with milliseconds only when there are some', () => {
    expect(formatUtc(Date.UTC(2026, 3, 2, 17, 0, 1))).toBe('2026-04-02 17:00:01 UTC');
    expect(formatUtc(Date.UTC(2026, 3, 2, 17, 0, 1, 2))).toBe('2026-04-02 17:00:01.002 UTC');
  });

  it('keeps units as the input gave them', () => {
    expect(formatMetric(8 * 2 ** 30, 'bytes')).toBe('8.0 GiB');
    expect(formatMetric(44.3912, '%')).toBe('44.4 %');
    expect(formatMetric(5339, 'count')).toBe('5,339');
    expect(formatEvidence({ label: 'TTL', value: 60_000, unit: 'ms' })).toBe('1 min');
    expect(formatEvidence({ label: 'growth began after deploy', value: 14_400_000, unit: 'ms' })).toBe('4 h');
    expect(formatEvidence({ label: 'breach', value: 6_000, unit: 'ms' })).toBe('6 s');
    expect(formatEvidence({ label: 'P99 at the break', value: 1_234.5, unit: 'ms' })).toBe('1.2 s');
    expect(formatEvidence({ label: 'lag', value: 999, unit: 'ms' })).toBe('999 ms');
    expect(formatEvidence({ label: 'p99', value: 812.5, unit: 'ms' })).toBe('813 ms');
    expect(formatEvidence({ label: 'leak', value: 180_000, unit: 'bytes' })).toBe('175.8 KiB (180,000 bytes)');
    expect(formatEvidence({ label: 'path', value: 'a → b' })).toBe('a → b');
  });
});
