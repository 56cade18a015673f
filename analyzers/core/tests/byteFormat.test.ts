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
});
