import { describe, expect, it } from 'vitest';
import { formatPercent, formatPercentLimit, formatShare, groupDigits, nounFor, plural } from '../numberFormat';

describe('groupDigits', () => {
  it('groups thousands with commas, the style of every output, and rounds to a count', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [12, '12'],
      [999, '999'],
      [1204, '1,204'],
      [1_078_911, '1,078,911'],
      [-1_697, '-1,697'],
      [1203.6, '1,204'],
    ];
    for (const [n, text] of cases) expect(groupDigits(n), String(n)).toBe(text);
  });

  it('writes what en-US toLocaleString writes for counts, so no output has a second style', () => {
    for (const n of [7, 1_000, 65_536, 1_063_000_000]) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('plural', () => {
  it('takes the singular for one only, and groups the count', () => {
    expect(plural(1, 'object')).toBe('1 object');
    expect(plural(0, 'object')).toBe('0 objects');
    expect(plural(275000, 'Player object')).toBe('275,000 Player objects');
  });
  it('takes an irregular plural when given', () => {
    expect(plural(2, 'class', 'classes')).toBe('2 classes');
    expect(plural(1, 'class', 'classes')).toBe('1 class');
  });
});

describe('formatPercent and formatShare', () => {
  it('write one style: one decimal and a space before the sign', () => {
    expect(formatShare(0.264)).toBe('26.4 %');
    expect(formatPercent(11)).toBe('11.0 %');
    expect(formatPercent(0.9)).toBe('0.9 %');
    expect(formatPercent(3.24)).toBe('3.2 %');
    expect(formatPercent(0)).toBe('0.0 %');
  });
  it('never shows a part that is not zero as 0.0 %', () => {
    expect(formatPercent(0.004)).toBe('<0.1 %');
    expect(formatShare(0.0004)).toBe('<0.1 %');
    expect(formatPercent(0.05)).toBe('0.1 %');
  });
  it('groups the thousands of a growth past 1,000 % as a count is grouped, the sign and decimal kept', () => {
    expect(formatShare(28.735)).toBe('2,873.5 %');
    expect(formatPercent(123_456.78)).toBe('123,456.8 %');
    expect(formatPercent(-1_234.5)).toBe('-1,234.5 %');
    expect(formatPercent(999.94)).toBe('999.9 %');
  });
});

describe('formatPercentLimit', () => {
  it('states a limit as it was set, in the style of formatPercent, without its rounding', () => {
    expect(formatPercentLimit(1)).toBe('1 %');
    expect(formatPercentLimit(0.25)).toBe('0.25 %');
    // A fraction of 0.07 set as a limit is 7 %, not 7.000000000000001 %.
    expect(formatPercentLimit(0.07 * 100)).toBe('7 %');
  });
});

describe('nounFor', () => {
  it('agrees with a number written any way', () => {
    expect(nounFor(1, 'connection')).toBe('connection');
    expect(nounFor(1.5, 'connection')).toBe('connections');
    expect(nounFor(2, 'class', 'classes')).toBe('classes');
  });
});
