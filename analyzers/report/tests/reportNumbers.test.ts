import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../core/numberFormat';
import { millis } from '../../core/units';
import { breachKeyNumber, buildReport } from '../buildReport';
import { htmlReport } from '../htmlReport';
import { markdownReport } from '../markdownReport';
import { formatEvidence, formatMetric } from '../reportFormat';
import { stampedeIncident } from './syntheticIncidents';

/** Issue 11, item 7: numbers in the report read as the rest of the report writes them. */
describe('numbers in the report', () => {
  it('states a breach’s duration once, as a duration', () => {
    const k = breachKeyNumber('Postgres connections piled up on a lock from 2026-12-05 15:37:44 UTC: up to 5 backends waiting on a Lock for 6 s', millis(6_000));
    expect(`${k.label}: ${formatEvidence(k)}`).toBe('Postgres connections piled up on a lock from 2026-12-05 15:37:44 UTC: up to 5 backends waiting on a Lock: 6 s');
    const p99 = breachKeyNumber('P99 latency above 1 s for 7 min 59 s on api_latency_p99_ms (peak 3.6 s)', millis(479_000));
    expect(`${p99.label}: ${formatEvidence(p99)}`).toBe('P99 latency above 1 s on api_latency_p99_ms (peak 3.6 s): 7 min 59 s');
  });

  it('writes when the case was analyzed as every other UTC time, to the second', () => {
    const report = buildReport(stampedeIncident()); // analyzed 2026-03-04T09:00:00.000Z
    for (const text of [markdownReport(report), htmlReport(report)]) {
      expect(text).toContain('analyzed 2026-03-04 09:00:00 UTC');
      expect(text).not.toContain('2026-03-04T09:00:00');
    }
  });

  it('groups the thousands of the appendix tables, input sizes and points per series, in Markdown as in HTML', () => {
    const report = buildReport(stampedeIncident());
    const long = report.appendix.series.find((s) => s.points >= 1000);
    expect(long).toBeDefined();
    const md = markdownReport(report);
    expect(md).toMatch(/\| synthetic \| 1,000 \| yes \|/);
    expect(md).toContain(` | ${groupDigits(long!.points)} | `);
    expect(htmlReport(report)).toContain(`<td class="num">${groupDigits(long!.points)}</td>`);
  });

  it('makes a metric’s noun unit agree with one', () => {
    expect(formatMetric(1, 'connections')).toBe('1 connection');
    expect(formatMetric(100, 'connections')).toBe('100 connections');
    expect(formatMetric(1.5, 'connections')).toBe('1.5 connections');
  });
});
