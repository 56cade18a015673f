import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import type { CaseOptions } from '../../ingest/caseOptions';
import { incidentFiles } from './helpers';

const breaches = async (options: CaseOptions) =>
  (await runCase(incidentFiles('cache-stampede'), { onProgress: () => {}, signal: new AbortController().signal, options }))
    .findings.filter((f) => f.analysis === 'timeline.thresholds')
    .map((f) => f.title)
    .sort();

describe("the team's own alert thresholds", () => {
  it('replace the defaults in the breach rule and nowhere else', async () => {
    const defaults = await breaches({ anchorDate: '2026-04-02' });
    expect(defaults.map((t) => t.split(' for ')[0])).toEqual(['Error rate above 1 %', 'P99 latency above 1 s', 'P99 latency above 1 s']);
    // The stampede's API P99 peaked at 3.6 s, the DB's at 2.4 s, the error rate at 44 %: a 3 s / 50 % team
    // is paged for the API's latency only.
    const own = await breaches({ anchorDate: '2026-04-02', thresholds: { p99Ms: 3000, errorRatePercent: 50 } });
    expect(own.length).toBeGreaterThan(0);
    for (const title of own) expect(title).toMatch(/^P99 latency above 3 s for .* on api_latency_p99_ms/);
  });
});
