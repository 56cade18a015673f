import { describe, expect, it } from 'vitest';
import { formatBytes } from '../byteFormat';

describe('formatBytes', () => {
  it('writes binary units with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(11_520)).toBe('11.3 KiB');
    expect(formatBytes(8 * 2 ** 30)).toBe('8.0 GiB');
  });
  it('writes a negative with the minus sign, as signed changes are written (`−3 MiB`), not a hyphen', () => {
    expect(formatBytes(-4)).toBe('−4 B');
    expect(formatBytes(-3 * 2 ** 20)).toBe('−3.0 MiB');
  });
  it('takes the next unit once a number would have four digits, as DevTools and heaptrack do: `1.0 MiB`, never `1023.9 KiB`', () => {
    expect(formatBytes(1000)).toBe('1.0 KiB');
    // 999.96 KiB would round to 1000.0 KiB: what is shown decides, not the value before rounding.
    expect(formatBytes(999.96 * 1024)).toBe('1.0 MiB');
    expect(formatBytes(1_031_884)).toBe('1.0 MiB');
    expect(formatBytes(1023.9 * 2 ** 20)).toBe('1.0 GiB');
    expect(formatBytes(-1000 * 2 ** 20)).toBe('−1.0 GiB');
  });
});
