import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../../ingest/tests/loadForTest';
import { runCase } from '../../pipeline/runCase';
import { buildReport } from '../../report/buildReport';
import { htmlReport } from '../../report/htmlReport';

/** The coarse-lock inventory server's own counters at 2, 4, 8 and 16 threads (samples/locks/generate-trends.sh). */
const TRENDS = join(__dirname, '../../../samples/locks/fixtures/trends');
const capture = (threads: number) => join(TRENDS, `lock_stats_coarse_t${threads}.json`);
const analyze = (paths: string[]) => runCase(paths, { onProgress: () => {}, signal: new AbortController().signal, options: {} });
const waitPerSecond = (threads: number) => {
  const doc = JSON.parse(readFileSync(capture(threads), 'utf8')) as { durationMs: number; locks: { name: string; waitTotalNs: number }[] };
  return doc.locks.find((l) => l.name === 'g_inventoriesMutex')!.waitTotalNs / (doc.durationMs / 1000);
};

describe('trends per lock over N lock captures of one program', () => {
  it('orders the captures by their capturedAt and finds the global mutex wait growing with the load', async () => {
    const { findings, views } = await analyze([16, 2, 8, 4].map(capture));
    const [report] = views.locks!.trends!;
    expect(report.orderedBy).toBe('timestamps');
    expect(report.captures).toEqual([2, 4, 8, 16].map((t) => `lock_stats_coarse_t${t}.json`));
    expect(report.perSecond).toBe(true);
    const global = report.locks.find((l) => l.label === 'g_inventoriesMutex')!;
    expect(global.wait.values).toEqual([2, 4, 8, 16].map(waitPerSecond));
    expect(global.wait.shape).toBe('growing');
    expect(global.wait.monotonicCaptures).toBe(4);
    // Inventory::mutex never waited: not a trend.
    expect(report.locks.map((l) => l.label)).toEqual(['g_inventoriesMutex']);
    // The trend joins the lock's other diagnoses: one problem, seen over the captures too.
    const lock = findings.find((f) => f.subject?.key === 'lock g_inventoriesMutex')!;
    const trend = [lock, ...findings].flatMap((f) => [f.title, ...f.evidence.map((e) => String(e.value))]).find((t) => t.includes('still growing across 4 captures'));
    expect(trend).toMatch(/^g_inventoriesMutex lock wait \+[\d.]+ s\/s per capture, monotonic in 4 of 4, R² 0\.\d\d: still growing across 4 captures$/);
    // Three or more captures are compared first against last, for the view; no pairwise "contention grew" findings.
    expect(views.locks!.comparisons.map((c) => [c.before, c.after])).toEqual([['lock_stats_coarse_t2.json', 'lock_stats_coarse_t16.json']]);
    expect(findings.some((f) => f.analysis === 'locks.comparison')).toBe(false);
  });

  it('keeps the order given and says so when the captures carry no time', async () => {
    const untimed = [4, 2, 8].map((t) => tempFile(`t${t}.json`, readFileSync(capture(t), 'utf8').replace(/\s*"capturedAt": "[^"]*",/, '')));
    const [report] = (await analyze(untimed)).views.locks!.trends!;
    expect(report.orderedBy).toBe('file order');
    expect(report.captures).toEqual(['t4.json', 't2.json', 't8.json']);
    // Given as 4, 2, 8 threads the wait falls, then rises: not called growing.
    expect(report.locks[0].wait.shape).not.toBe('growing');
  });

  it('needs three captures: two are a before/after comparison', async () => {
    const { views, findings } = await analyze([2, 16].map(capture));
    expect(views.locks!.trends).toBeUndefined();
    expect(findings.some((f) => f.analysis === 'locks.comparison' || f.evidence.some((e) => e.label === 'also seen by locks.comparison'))).toBe(true);
  });

  it('draws the lock wait per capture in the report, in seconds per second of capture', async () => {
    const report = buildReport(await analyze([2, 4, 8, 16].map(capture)));
    const chart = report.trends!.find((t) => t.unit === 'seconds')!;
    expect(chart.title).toBe('Lock wait per lock (seconds per second of capture) over 4 captures (lock-stats JSON)');
    expect(chart.lines[0]).toMatchObject({ name: 'g_inventoriesMutex', shape: 'growing', values: [2, 4, 8, 16].map((t) => waitPerSecond(t) / 1e9) });
    expect(htmlReport(report)).toContain(`aria-label="${chart.title}"`);
  });

});
