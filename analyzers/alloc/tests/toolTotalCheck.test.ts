import { describe, expect, it } from 'vitest';
import { runCase } from '../../ingest/runCase';
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

  it('heaptrack prints its total rounded ("24.75K"): a difference within that rounding is named as such', async () => {
    const leaky = await checkOf('heaptrack_leaky.txt');
    expect(leaky.check.status).toBe('differs');
    expect(Math.abs(leaky.recordBytes - leaky.printed!)).toBeLessThanOrEqual(5);
    expect(leaky.check.text).toContain('heaptrack rounds the sizes it prints');
    expect((await checkOf('heaptrack_fixed.txt')).check.status).toBe('matches');
  });

  it('Valgrind XML and event logs have no printed total to compare with', async () => {
    expect((await checkOf('valgrind_leaky.xml')).check.status).toBe('not-applicable');
    expect((await checkOf('events_leaky.jsonl')).check.status).toBe('not-applicable');
  });
});
