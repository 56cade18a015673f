import { describe, expect, it } from 'vitest';
import { DURATION_TEXT, formatDuration } from '../durationFormat';

describe('formatDuration', () => {
  it('writes at most the two largest units, the second only when it is not zero', () => {
    const cases: [number, string][] = [
      [450, '450 ms'],
      [999.4, '999 ms'],
      [999.6, '1 s'],
      [2_500, '2.5 s'],
      [9_960, '10 s'],
      [45_000, '45 s'],
      [725_000, '12 min 05 s'],
      [1_200_000, '20 min'],
      [7_500_000, '2 h 05 min'],
      [14_400_000, '4 h'],
      [118_800_000, '1 d 9 h'],
      [172_800_000, '2 d'],
      [-3_000, '-3 s'],
      [-725_000, '-12 min 05 s'],
    ];
    expect(cases.map(([ms]) => formatDuration(ms))).toEqual(cases.map(([, text]) => text));
  });

  it('writes nothing DURATION_TEXT does not match whole', () => {
    const whole = new RegExp(`^${DURATION_TEXT}$`);
    for (const ms of [450, 2_500, 6_000, 725_000, 1_200_000, 7_500_000, 118_800_000, -725_000]) expect(formatDuration(ms)).toMatch(whole);
  });
});
