import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding';
import { runCase } from '../../pipeline/runCase';
import { fixture, tempFile } from './fixtures';

const analyze = (paths: string[]) => runCase(paths, { onProgress: () => {}, signal: new AbortController().signal, options: {} });
/** The six captures of match_history.mjs (samples/alloc/generate-profiles.sh), given out of order. */
const captures = (mode: string, order = [3, 1, 6, 2, 5, 4]) => order.map((k) => fixture(`matches_${mode}_${k}.heapprofile.gz`));
const trendsOf = (findings: readonly Finding[]) => findings.filter((f) => f.analysis === 'alloc.site-trends');
const SCOREBOARD = 'scoreboard file://./match_history.mjs:14';
const profileText = (mode: string, k: number) => gunzipSync(readFileSync(fixture(`matches_${mode}_${k}.heapprofile.gz`))).toString('utf8');

describe('trends per allocation site over N heap profiles of one process', () => {
  it('orders the captures by their sample ids and finds the match history still growing at the scoreboard', async () => {
    const { findings, views } = await analyze(captures('leaky'));
    const [report] = views.alloc!.siteTrends!;
    expect(report.orderedBy).toBe('sample ids');
    expect(report.captures).toEqual([1, 2, 3, 4, 5, 6].map((k) => `matches_leaky_${k}.heapprofile.gz`));
    const board = report.sites.find((s) => s.key === SCOREBOARD)!;
    expect(board.bytes.shape).toBe('growing');
    expect(board.bytes.monotonicCaptures).toBe(6);
    expect(board.bytes.r2).toBeGreaterThan(0.95);
    // 1,500 matches of ten scoreboard rows per capture: about a megabyte and a half each.
    expect(board.bytes.slopePerCapture).toBeGreaterThan(1.2 * 2 ** 20);
    expect(board.bytes.slopePerCapture).toBeLessThan(1.8 * 2 ** 20);
    const [top] = trendsOf(findings);
    expect(top.title).toMatch(/^scoreboard match_history\.mjs:14 \+1\.\d MiB per capture, monotonic in 6 of 6, R² (0\.9\d|1\.00): still growing across 6 captures/);
    expect(top.severity).toBe('high');
    expect(top.paths[0].steps.slice(0, 3)).toEqual([SCOREBOARD, 'recordMatch file://./match_history.mjs:20', 'playRound file://./match_history.mjs:25']);
    expect(top.sources).toEqual(report.captures);
  });

  it('tells the bounded ring that filled and held from a leak: no finding, a plateau in the view', async () => {
    const { findings, views } = await analyze(captures('bounded'));
    const board = views.alloc!.siteTrends![0].sites.find((s) => s.key === SCOREBOARD)!;
    expect(board.bytes.shape).toBe('plateau');
    expect(trendsOf(findings).filter((f) => f.paths[0].steps[0] === SCOREBOARD)).toEqual([]);
    // The first and last captures are compared for the view; the trend, not the difference, judges them.
    expect(views.alloc!.comparisons.map((c) => [c.before, c.after])).toEqual([['matches_bounded_1.heapprofile.gz', 'matches_bounded_6.heapprofile.gz']]);
    expect(findings.filter((f) => f.analysis === 'alloc.compare-runs')).toEqual([]);
  });

  it('keeps the order given and says so when the profiles carry no sample ids', async () => {
    const paths = [2, 1, 3].map((k) => tempFile(`leaky_${k}.heapprofile`, profileText('leaky', k).replace(/,"ordinal":\d+/g, '')));
    const [report] = (await analyze(paths)).views.alloc!.siteTrends!;
    expect(report.orderedBy).toBe('file order');
    expect(report.captures).toEqual(['leaky_2.heapprofile', 'leaky_1.heapprofile', 'leaky_3.heapprofile']);
    // Taken as given, the second capture comes first: the scoreboard falls, then rises, and is not called growing.
    expect(report.sites.find((s) => s.key === SCOREBOARD)?.bytes.shape).not.toBe('growing');
  });

  it('leaves a cut capture out of the trend: its missing sites would read as freed memory', async () => {
    const cut = tempFile('matches_leaky_4.heapprofile', profileText('leaky', 4).slice(0, 20_000));
    const { views } = await analyze([...captures('leaky', [1, 2, 3]), cut]);
    const [report] = views.alloc!.siteTrends!;
    expect(report.captures).toEqual([1, 2, 3].map((k) => `matches_leaky_${k}.heapprofile.gz`));
    expect(views.alloc!.reports.find((r) => r.file === 'matches_leaky_4.heapprofile')?.complete).toBe(false);
  });

  it('needs three captures: two are a comparison, not a trend', async () => {
    const { findings, views } = await analyze(captures('leaky', [1, 6]));
    expect(views.alloc!.siteTrends).toBeUndefined();
    expect(findings.filter((f) => f.analysis === 'alloc.compare-runs')).toHaveLength(1);
  });

  it('never makes a trend of leak reports at exit: three LeakSanitizer runs are runs, compared one after the other', async () => {
    const { views } = await analyze(['lsan_leaky.txt', 'lsan_fixed.txt', 'lsan_leaky.txt'].map(fixture));
    expect(views.alloc!.siteTrends).toBeUndefined();
    expect(views.alloc!.comparisons).toHaveLength(2);
  });
});
