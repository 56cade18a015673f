import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding';
import { formatBytes } from '../../core/byteFormat';
import { formatDuration } from '../../core/durationFormat';
import { bytes } from '../../core/units';
import type { CaseOptions } from '../../ingest/caseOptions';
import { runCase } from '../../pipeline/runCase';
import { liveBytesSeries } from '../growthSeries';
import { fixture, fixtureText, load, sourceLine, tempFile } from './fixtures';

const analyze = (names: string[], options: CaseOptions = {}) =>
  runCase(names.map(fixture), { onProgress: () => {}, signal: new AbortController().signal, options });
const byAnalysis = (findings: readonly Finding[], analysis: string) => findings.filter((f) => f.analysis === analysis);

describe('findings in the shared model', () => {
  it('places event-log growth on the wall clock from the meta record and the first event', async () => {
    const lines = fixtureText('events_leaky.jsonl').split('\n');
    const meta = JSON.parse(lines[0]) as { startEpochMs: number; tsUnit: string };
    const firstTs = (JSON.parse(lines.find((l) => l.startsWith('{"type":"alloc"')) as string) as { ts: number }).ts;
    expect(meta.tsUnit).toBe('us');
    const result = await analyze(['events_leaky.jsonl']);
    const [growth] = byAnalysis(result.findings, 'alloc.growth');
    const observed = result.views.alloc!.reports[0].growth!.observedMs;
    expect(growth.window?.startMs).toBe(Math.floor(meta.startEpochMs + firstTs / 1000));
    expect((growth.window?.endMs as number) - (growth.window?.startMs as number)).toBeGreaterThanOrEqual(Math.floor(observed));
    expect((growth.window?.endMs as number) - (growth.window?.startMs as number)).toBeLessThanOrEqual(Math.ceil(observed) + 1);
    for (const e of growth.evidence) if (typeof e.value === 'number') expect(e.unit).toBeDefined();
  });

  it('says how much a log of less than a minute grew, not an hourly rate or a time to the limit extrapolated from it', async () => {
    const result = await analyze(['events_leaky.jsonl']);
    const [growth] = byAnalysis(result.findings, 'alloc.growth');
    const log = result.views.alloc!.reports[0].growth!;
    expect(log.observedMs).toBeLessThan(1000);
    const grown = log.totalLiveBytes[log.totalLiveBytes.length - 1] - log.totalLiveBytes[0];
    expect(growth.title).toBe(`Live heap grows steadily by ${formatBytes(grown)} over the ${formatDuration(log.observedMs)} the log covers (R² ${log.r2.toFixed(2)})`);
    expect(growth.impact.growth).toMatchObject({ grownBytes: grown, timeBase: 'allocation-log' });
    expect(growth.impact.growth?.bytesPerHour).toBeUndefined();
    expect(growth.impact.growth?.hoursToLimit).toBeUndefined();
    expect(['high', 'critical']).not.toContain(growth.severity);
    // The extrapolation is named as one, in the detail only.
    expect(growth.detail).toContain(`Extrapolated, that would be ${formatBytes(log.bytesPerHour)}/h`);
    expect(growth.paths.every((p) => /: \+\S+ \S+ over \d+ ms \(R² /.test(p.label))).toBe(true);
  });

  it('gives the timeline the live-bytes series on the same wall clock as the finding window', async () => {
    const result = await analyze(['events_leaky.jsonl', 'lsan_leaky.txt']);
    const [log, lsan] = result.views.alloc!.reports;
    const [total, ...sites] = liveBytesSeries(log);
    // The log's growth is the LSan cycle's (same sites): one finding, timed by the log.
    const growth = result.findings.find((f) => f.impact.growth?.timeBase === 'allocation-log')!;
    expect(growth.analysis).toBe('alloc.reference-cycles');
    expect(total.unit).toBe('bytes');
    expect(total.v).toEqual(log.growth!.totalLiveBytes);
    expect(total.t[0]).toBeGreaterThanOrEqual(growth.window!.startMs);
    expect(total.t[total.t.length - 1]).toBeLessThanOrEqual(growth.window!.endMs as number);
    expect(sites.map((s) => s.labels.site)).toEqual(log.growth!.sites.map((s) => s.key));
    expect(liveBytesSeries(lsan)).toEqual([]);
  });

  it('projects the time to the memory limit given as a case option, else to the default', async () => {
    const limit = bytes(512 * 1024 ** 2);
    const withOption = (await analyze(['events_leaky.jsonl'], { memoryLimitBytes: limit })).views.alloc!.reports[0].growth!;
    const without = (await analyze(['events_leaky.jsonl'])).views.alloc!.reports[0].growth!;
    expect(withOption.limitSource).toBe('case option');
    expect(withOption.limitBytes).toBe(limit);
    expect(without.limitSource).toBe('default');
    expect(without.limitBytes).toBe(2 * 1024 ** 3);
    // Same rate, measured from the same end: the hours differ by exactly the bytes between the limits.
    const last = withOption.totalLiveBytes[withOption.totalLiveBytes.length - 1];
    expect(withOption.hoursToLimit! * withOption.bytesPerHour).toBeCloseTo(limit - last, 0);
    expect((without.hoursToLimit! - withOption.hoursToLimit!) * without.bytesPerHour).toBeCloseTo(2 * 1024 ** 3 - limit, 0);
    expect(withOption.limitReachedAtMs).toBeGreaterThan(withOption.startEpochMs!);
  });

  it('folds library frames in the evidence paths and keeps the user frame where the allocation is', async () => {
    const { findings } = await analyze(['lsan_leaky.txt']);
    const [cycle] = byAnalysis(findings, 'alloc.reference-cycles');
    const player = cycle.paths.find((p) => p.label.startsWith('cycle member Player:'));
    expect(player?.steps[0]).toBe('[8 library frames folded: operator new … std::make_shared]');
    const line = Number(/player_manager\.cpp:(\d+)$/.exec(player?.steps[1] ?? '')?.[1]);
    expect(sourceLine(line)).toContain('std::make_shared<Player>()');
    expect(cycle.title.includes('\n')).toBe(false);
    expect(cycle.evidence.find((e) => e.label === 'bytes in the cycle')?.unit).toBe('bytes');
  });

  it('makes the same leak site in LeakSanitizer\'s and Valgrind\'s reports one finding (Valgrind names its directory `./.`)', async () => {
    const { findings } = await analyze(['lsan_leaky.txt', 'valgrind_leaky.xml']);
    const loadConfig = findings.filter((f) => f.title.includes('loadConfig()'));
    expect(loadConfig).toHaveLength(1);
    expect(loadConfig[0].sources).toEqual(['lsan_leaky.txt', 'valgrind_leaky.xml']);
    expect(loadConfig[0].paths.flatMap((p) => p.steps).filter((step) => step.includes('player_manager.cpp'))).not.toContainEqual(expect.stringMatching(/\.\/player_manager/));
  });

  it('writes each leak site’s share as every output writes a percentage (`26.4 %`)', async () => {
    const { findings } = await analyze(['lsan_leaky.txt']);
    const leaks = byAnalysis(findings, 'alloc.top-leaks');
    expect(leaks.length).toBeGreaterThan(0);
    for (const f of leaks) expect(f.title).toMatch(/(?:\d+\.\d|<0\.1) %\)$/);
  });

  it('suggests a bounded cache for what ProfileCache keeps (Valgrind still reachable, heaptrack never freed)', async () => {
    const { findings } = await analyze(['valgrind_leaky.xml', 'heaptrack_leaky.txt']);
    const cacheFindings = byAnalysis(findings, 'alloc.top-leaks').filter((f) => f.title.includes('ProfileCache::loadProfile'));
    // One site in both tools' reports: one finding, both files its sources.
    expect(cacheFindings).toHaveLength(1);
    expect([...cacheFindings[0].sources].sort()).toEqual(['heaptrack_leaky.txt', 'valgrind_leaky.xml']);
    expect(cacheFindings[0].suggestedFix).toMatch(/^Bound ProfileCache: give it an eviction policy \(an LRU/);
  });

  it('names the cycle another report of the case shows when the same sites grow in the event log', async () => {
    const alone = byAnalysis((await analyze(['events_leaky.jsonl'])).findings, 'alloc.growth')[0];
    const withLsan = (await analyze(['lsan_leaky.txt', 'events_leaky.jsonl'])).findings;
    expect(alone.suggestedFix).not.toMatch(/lsan_leaky\.txt/);
    expect(alone.suggestedFix).toMatch(/Bound ProfileCache/);
    // With the leak report, the growth is the cycle's: it joins the cycle finding, whose fix breaks the cycle.
    expect(byAnalysis(withLsan, 'alloc.growth')).toEqual([]);
    const [cycle] = byAnalysis(withLsan, 'alloc.reference-cycles');
    expect(cycle.sources).toEqual(['lsan_leaky.txt', 'events_leaky.jsonl']);
    expect(cycle.evidence).toContainEqual({ label: 'also seen by alloc.growth', value: alone.title });
    expect(cycle.suggestedFix).toMatch(/std::weak_ptr instead of std::shared_ptr/);
  });

  it('gives unique ids and cites the diff file alone for a heaptrack -d comparison', async () => {
    const { findings, views } = await analyze(['heaptrack_leaky.txt', 'heaptrack_fixed.txt', 'heaptrack_diff.txt']);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
    const comparisons = byAnalysis(findings, 'alloc.compare-runs');
    expect(comparisons).toHaveLength(2);
    expect(views.alloc!.comparisons.map((c) => c.fromDiff)).toEqual([false, true]);
    expect(comparisons[1].sources).toEqual(['heaptrack_diff.txt']);
    const gone = views.alloc!.comparisons[0].sites.filter((s) => s.change === 'disappeared').map((s) => s.objectType);
    expect(gone).toContain('Player');
  });
});

describe('incomplete reports', () => {
  it('are not compared with the run before them: their missing records would read as fixed sites', async () => {
    const { views } = await analyze(['lsan_fixed.txt', 'lsan_truncated.txt', 'lsan_leaky.txt']);
    expect(views.alloc!.comparisons.map((c) => [c.before, c.after])).toEqual([['lsan_fixed.txt', 'lsan_leaky.txt']]);
  });

  it('keep the heaptrack leak entries before the cut and are marked incomplete', async () => {
    const text = fixtureText('heaptrack_leaky.txt');
    const cut = text.slice(0, text.indexOf('MOST TEMPORARY ALLOCATIONS'));
    const { artifact, complete, notices } = await load(tempFile('heaptrack_cut.txt', cut));
    expect(complete).toBe(false);
    expect(artifact.type === 'leak-report' && artifact.records.length).toBeGreaterThan(0);
    expect(notices.map((n) => n.message)).toContain('the output ends before heaptrack\'s totals ("total memory leaked"): truncated?');
  });
});

describe('a program not written for this: perl under Valgrind with its default kinds (recorded by generate.sh)', () => {
  it('names each site by the code that called perl\'s allocation wrappers, tells unnamed functions apart, and claims no cut', async () => {
    const log = fixtureText('valgrind_perl.txt').replace(/^==PID==/gm, '==4711==');
    const result = await runCase([tempFile('valgrind_perl.txt', log)], { onProgress: () => {}, signal: new AbortController().signal, options: {} });
    expect(result.inputs[0].complete).toBe(true);
    const leaks = byAnalysis(result.findings, 'alloc.top-leaks');
    expect(leaks.length).toBeGreaterThan(1);
    // Perl_safesysmalloc/calloc/realloc are in nearly every stack: a site named after one would hold most of the bytes.
    for (const f of leaks) expect(f.title).not.toMatch(/alloc\b|at \(/);
    expect(leaks.some((f) => /at 0x[0-9A-F]+ \(\S*perl\)/i.test(f.title))).toBe(true);
    expect(result.findings.filter((f) => f.severity !== 'low' && f.severity !== 'info')).toEqual([]);
  });
});

describe('LeakSanitizer preloaded into perl (recorded by generate.sh): stacks of an interceptor and perl\'s wrapper only', () => {
  it('names each site by perl\'s wrapper, the frame nearest the code that asked, not by the interceptor', async () => {
    const result = await analyze(['lsan_perl_preload.txt']);
    const leaks = byAnalysis(result.findings, 'alloc.top-leaks');
    expect(leaks.length).toBeGreaterThan(0);
    for (const f of leaks) expect(f.title).not.toMatch(/interceptor/);
    expect(leaks.map((f) => f.title).join(' ')).toMatch(/at Perl_safesys(?:m|c)alloc/);
  });
});
