import { describe, expect, it } from 'vitest';
import type { Finding, FindingCategory } from '../../core/finding';
import { epochMillis } from '../../core/units';
import { analyzeTimeline } from '../analyzeTimeline';
import { analyzeIncident, load } from './helpers';
import { INCIDENTS } from './helpers';
import { join } from 'node:path';

// The answers below are the parameters of the simulation in samples/incidents/simulate.mjs.
const GiB = 1024 ** 3;
const HOUR = 3_600_000;
const categories = (findings: readonly Finding[]) => new Set(findings.map((f) => f.category));
const PATTERNS: FindingCategory[] = ['memory-growth', 'cache-stampede', 'throughput-collapse', 'cascade', 'oom'];
const only = (findings: readonly Finding[], expected: FindingCategory[]) =>
  PATTERNS.filter((c) => categories(findings).has(c)).sort().join(',') === [...expected].sort().join(',');

describe('memory-leak meltdown sample', async () => {
  const result = await analyzeIncident('memory-leak', { anchorDate: '2026-03-14' });
  const growth = result.findings.find((f) => f.category === 'memory-growth')!;

  it('finds the growth, where it began, the deploy before it, and the OOM kills — and no other pattern', () => {
    expect(result.failures).toEqual([]);
    expect(only(result.findings, ['memory-growth', 'oom'])).toBe(true);
    const day1 = Date.UTC(2026, 2, 14);
    expect(Math.abs(growth.window!.startMs - (day1 + 14 * HOUR))).toBeLessThanOrEqual(HOUR / 2);
    expect(growth.title).toMatch(/4 h after the 'game-server 4\.12\.0: friend system' deploy/);
    // 6 GiB over the 28.5 h from 14:00 on day 1 to the OOM kill at 18:30 on day 2.
    const rate = Number(growth.evidence.find((e) => e.label === 'leak rate')!.value);
    expect(rate / ((6 * GiB) / 28.5)).toBeGreaterThan(0.95);
    expect(rate / ((6 * GiB) / 28.5)).toBeLessThan(1.05);
    expect(growth.evidence.find((e) => e.label === 'OOM kills')?.value).toBe(3);
    const oom = result.findings.find((f) => f.category === 'oom')!;
    expect(oom.window!.startMs).toBe(Date.UTC(2026, 2, 15, 18, 30, 12));
  });

  it('reports the memory breach from the limit series, and its end at the OOM kill', () => {
    const breach = result.findings.find((f) => f.category === 'threshold-breach' && f.title.startsWith('Memory'))!;
    expect(breach.title).toMatch(/above 85 % of 8\.0 GiB/);
    expect(breach.window!.endMs! - Date.UTC(2026, 2, 15, 18, 30)).toBeLessThanOrEqual(10 * 60_000);
  });

  it('places the chat timeline on the anchor date (Day 2 is the next day) without an assumption notice', () => {
    const view = result.views.timeline!;
    const chat = view.events.find((e) => e.title === 'first server OOM killed (game-1)')!;
    expect(chat.atMs).toBe(Date.UTC(2026, 2, 15, 18, 30));
    expect(view.notices).toBeUndefined();
    expect(result.findings.some((f) => f.id === 'timeline.anchor-date.0')).toBe(false);
  });
});

describe('cache-stampede sample', async () => {
  const result = await analyzeIncident('cache-stampede', { anchorDate: '2026-04-02' });

  it('finds the stampede at the 60 s TTL boundary, then the cascade — and no other pattern', () => {
    expect(only(result.findings, ['cache-stampede', 'cascade'])).toBe(true);
    const s = result.findings.find((f) => f.category === 'cache-stampede')!;
    expect(s.window!.startMs).toBe(Date.UTC(2026, 3, 2, 17, 0, 1));
    const ev = Object.fromEntries(s.evidence.map((e) => [e.label, e.value]));
    expect(ev).toMatchObject({ TTL: 60_000, 'pool size': 100 });
    // The jittered warm-up at 17:08 ends it.
    expect(s.window!.endMs! - Date.UTC(2026, 3, 2, 17, 8)).toBeGreaterThanOrEqual(0);
    expect(s.window!.endMs! - Date.UTC(2026, 3, 2, 17, 8)).toBeLessThan(60_000);
    expect(result.findings.find((f) => f.category === 'cascade')!.title).toMatch(/postgres → leaderboard-api → matchmaking/);
  });

  it('keeps the milliseconds of the chat timeline', () => {
    const line = result.views.timeline!.events.find((e) => e.title === 'all requests miss the cache')!;
    expect(line.atMs).toBe(Date.UTC(2026, 3, 2, 17, 0, 1, 2));
  });

  it('without an anchor date assumes the first day of the metrics and says so', async () => {
    const assumed = await analyzeIncident('cache-stampede');
    expect(assumed.views.timeline!.notices![0]).toMatch(/chat-timeline\.txt: times without a date were placed on 2026-04-02, assumed from the first day/);
    expect(assumed.findings.find((f) => f.id === 'timeline.anchor-date.0')?.severity).toBe('info');
    const other = await analyzeIncident('cache-stampede', { anchorDate: '2026-04-03' });
    expect(other.views.timeline!.events.find((e) => e.title === 'all requests miss the cache')!.atMs).toBe(Date.UTC(2026, 3, 3, 17, 0, 1, 2));
  });
});

describe('lock-contention sample', async () => {
  const result = await analyzeIncident('lock-contention');

  it('finds the collapse with the throughput and CPU numbers of the simulation — and no other pattern', () => {
    expect(only(result.findings, ['throughput-collapse'])).toBe(true);
    const c = result.findings.find((f) => f.category === 'throughput-collapse')!;
    const ev = Object.fromEntries(c.evidence.map((e) => [e.label, Number(e.value)]));
    expect(ev['throughput before'] / 50_000).toBeCloseTo(1, 1);
    expect(ev['throughput during'] / 2_000).toBeCloseTo(1, 1);
    expect(ev['P99 before']).toBeLessThan(6);
    expect(ev['P99 during']).toBeGreaterThan(800);
    expect(ev['system share during']).toBeGreaterThan(0.7);
    expect(Math.abs(c.window!.startMs - Date.UTC(2026, 4, 20, 14, 30))).toBeLessThanOrEqual(2 * 60_000);
  });
});

describe('the view', () => {
  it('places earlier findings that carry a time as finding markers, and downsamples long series', async () => {
    const loaded = await load(join(INCIDENTS, 'cache-stampede/metrics.csv'));
    const heap: Finding = {
      id: 'heap.leak-cluster.0', analysis: 'heap.leaks', category: 'memory-leak', severity: 'high', title: 'Player objects retained',
      detail: 'd', evidence: [], paths: [], suggestedFix: '', sources: ['game-3.heapsnapshot'], impact: {}, window: { startMs: epochMillis(Date.UTC(2026, 3, 2, 17, 5)) },
    };
    const untimed: Finding = { ...heap, id: 'alloc.site.0', window: undefined };
    const elsewhere: Finding = { ...heap, id: 'alloc.growth.0', title: 'Live heap grows', window: { startMs: epochMillis(Date.UTC(2026, 10, 25)) } };
    const long = { ...loaded, file: 'metrics.csv', formatId: loaded.formatId };
    // Stretch one series past the view's limit to see it decimated (detection still sees all of it).
    const s = long.artifact.series[0];
    long.artifact.series[0] = { ...s, t: Array.from({ length: 10_000 }, (_, i) => epochMillis(s.t[0] + i * 1000)), v: Array.from({ length: 10_000 }, (_, i) => i % 97) };
    const { view } = analyzeTimeline([long], { options: {}, earlierFindings: [heap, untimed, elsewhere] });
    expect(view.events.filter((e) => e.kind === 'finding').map((e) => [e.findingId, e.atMs])).toEqual([
      ['heap.leak-cluster.0', heap.window!.startMs],
      ['alloc.growth.0', elsewhere.window!.startMs],
    ]);
    // A capture recorded months after the incident is listed but said to be outside the metrics' span.
    expect(view.notices).toEqual([expect.stringMatching(/^1 finding of other analyses carries a time outside the span .*Live heap grows at 2026-11-25T00:00:00\.000Z/)]);
    expect(view.series[0].t.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...view.series[0].v)).toBe(96);
    expect(view.series[1].t.length).toBe(1800);
  });
});
