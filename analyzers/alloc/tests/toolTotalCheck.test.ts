import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { bytes } from '../../core/units';
import { toolTotalCheck } from '../toolTotalCheck';
import { fixture } from './fixtures';

const checkOf = async (name: string) => {
  const result = await runCase([fixture(name)], { onProgress: () => {}, signal: new AbortController().signal });
  const [report] = result.views.alloc!.reports;
  return { check: report.totalCheck!, recordBytes: report.totals.bytes, printed: report.toolTotals.leakedBytes };
};

describe("the parsed records against the tool's own total", () => {
  it.each(['lsan_leaky.txt', 'lsan_report_objects.txt', 'lsan_suppressions.txt'])('%s: the records add up to the SUMMARY LeakSanitizer printed', async (name) => {
    const { check, recordBytes, printed } = await checkOf(name);
    expect(printed).toBe(recordBytes);
    expect(check.status).toBe('matches');
    expect(check.text).toMatch(/^Matches the tool's SUMMARY: /);
  });

  it('a report cut short before its SUMMARY says that the tool printed no total', async () => {
    const { check, printed } = await checkOf('lsan_truncated.txt');
    expect(printed).toBeUndefined();
    expect(check).toEqual({ status: 'no-total', text: 'LeakSanitizer printed no total (the report may be cut short).' });
  });

  it('heaptrack prints its sizes rounded ("24.75K"): records a few bytes off its total match within that rounding', async () => {
    const leaky = await checkOf('heaptrack_leaky.txt');
    expect(leaky.recordBytes).not.toBe(leaky.printed);
    expect(leaky.check.status).toBe('matches');
    expect(leaky.check.text).toContain('within the rounding of the sizes it prints');
    expect((await checkOf('heaptrack_fixed.txt')).check.status).toBe('matches');
    expect((await checkOf('heaptrack_diff.txt')).check.status).toBe('matches');
  });

  it('a heaptrack total beyond the rounding of its printed sizes is a difference', () => {
    const check = toolTotalCheck({ tool: 'heaptrack', toolTotals: { leakedBytes: bytes(24_750), leakedBytesRounding: 25 } }, 24_800);
    expect(check.status).toBe('differs');
  });

  it('Valgrind XML and event logs have no printed total to compare with', async () => {
    expect((await checkOf('valgrind_leaky.xml')).check.status).toBe('not-applicable');
    expect((await checkOf('events_leaky.jsonl')).check.status).toBe('not-applicable');
  });
});
