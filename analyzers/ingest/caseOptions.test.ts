import { describe, expect, it } from 'vitest';
import { byteSizeText, parseByteSize, parseCaseOptions, parseThresholdList } from './caseOptions';

describe('case options from the command line, IPC and HTTP', () => {
  it('accepts what a user types and says what is wrong otherwise', () => {
    expect(parseByteSize('8G')).toBe(8 * 1024 ** 3);
    expect(parseByteSize('512MiB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('lots')).toBeUndefined();
    // The options form shows the limit set as this text: applying it again keeps the limit to the byte.
    expect([1000 * 1024 ** 2, 8 * 1024 ** 3, 1536 * 1024 ** 2, 123_456_789].map(byteSizeText)).toEqual(['1000M', '8G', '1536M', '123456789']);
    for (const size of [1000 * 1024 ** 2, 1023 * 1024 ** 2, 8 * 1024 ** 3, 12_345]) expect(parseByteSize(byteSizeText(size))).toBe(size);
    expect(parseThresholdList('cpu=95, p99=2000')).toEqual({ thresholds: { cpuPercent: 95, p99Ms: 2000 } });
    expect(parseThresholdList('load-p99=800,load-errors=0.5')).toEqual({ thresholds: { loadP99Ms: 800, loadErrorPercent: 0.5 } });
    expect(parseThresholdList('latency=5')).toEqual({ error: expect.stringMatching(/name=value pairs of cpu, memory, p99, errors, load-p99, load-errors \(got 'latency=5'\)/) });
    expect(parseCaseOptions({ anchorDate: '2026-04-02', memoryLimitBytes: 1024, thresholds: { errorRatePercent: 2 } })).toEqual({
      options: { anchorDate: '2026-04-02', memoryLimitBytes: 1024, thresholds: { errorRatePercent: 2 } },
    });
    expect(parseCaseOptions({ anchorDate: '2. April' })).toEqual({ error: "anchor date must be YYYY-MM-DD (got '2. April')" });
    // A forged request quotes what it sent, not '[object Object]'.
    expect(parseCaseOptions({ anchorDate: { day: 2 } })).toEqual({ error: `anchor date must be YYYY-MM-DD (got '{"day":2}')` });
    expect(parseCaseOptions({ memoryLimitBytes: [8, 'G'] })).toEqual({ error: `memory limit must be a positive number of bytes (got '[8,"G"]')` });
    expect(parseCaseOptions({ thresholds: { cpuPercent: 500 } })).toEqual({ error: 'threshold cpuPercent is a percentage (got 500)' });
    expect(parseCaseOptions({ thresholds: { p99Ms: -1 } })).toEqual({ error: 'threshold p99Ms must be a positive number' });
    expect(parseCaseOptions({ debug: true })).toEqual({ error: "unknown option 'debug'" });
    expect(parseCaseOptions(undefined)).toEqual({ options: {} });
  });
});
