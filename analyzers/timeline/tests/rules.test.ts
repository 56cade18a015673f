import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding';
import { bytes } from '../../core/units';
import { flatThenLinear } from '../changePoint';
import { downsampleMinMax } from '../downsample';
import { trailingExtreme } from '../seriesMath';
import { detectCacheStampede, ttlFromText } from '../rules/cacheStampede';
import { detectCascade } from '../rules/cascade';
import { detectLockContentionCollapse } from '../rules/lockContentionCollapse';
import { detectMemoryGrowth } from '../rules/memoryGrowth';
import { detectOomKills } from '../rules/oomKills';
import { placeKillsAtRestarts } from '../rules/killAtRestart';
import type { FloatingEvent } from '../artifact';
import { DEFAULT_THRESHOLDS, detectThresholdBreaches } from '../rules/thresholdBreaches';
import { event, HOUR, MIN, noise, ruleInput, series, T0 } from './helpers';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('threshold breaches', () => {
  it('gives start and end of each breach; a dip of one sample does not split it, a short blip is ignored', () => {
    // 1-minute samples: above 90 % for minutes 10..29 with a dip at 15, and a 1-sample blip at 50.
    const cpu = series('cpu_percent', '%', 60, MIN, (i) => ((i >= 10 && i < 30 && i !== 15) || i === 50 ? 95 : 40));
    const [breach, ...rest] = detectThresholdBreaches(ruleInput([cpu]));
    expect(rest).toEqual([]);
    expect(breach.finding.window).toEqual({ startMs: T0 + 10 * MIN, endMs: T0 + 30 * MIN });
    expect(breach.finding.title).toBe('CPU above 90 % for 20 min on cpu_percent (peak 95.0 %)');
    expect(breach.seriesIds).toEqual(['cpu_percent']);
  });

  it('takes the memory limit from a limit series of the same target, else from the options; none → no memory check', () => {
    const mem = series('memory_rss_bytes', 'bytes', 30, MIN, (i) => (i >= 20 ? 7 * GiB : 4 * GiB), { instance: 'a' });
    const limit = series('memory_limit_bytes', 'bytes', 30, MIN, () => 8 * GiB, { instance: 'a' });
    expect(detectThresholdBreaches(ruleInput([mem])).length).toBe(0);
    const fromSeries = detectThresholdBreaches(ruleInput([mem, limit]));
    const fromOptions = detectThresholdBreaches(ruleInput([mem], [], { options: { memoryLimitBytes: bytes(8 * GiB) } }));
    for (const d of [fromSeries, fromOptions]) {
      expect(d.length).toBe(1);
      expect(d[0].finding.window.startMs).toBe(T0 + 20 * MIN);
      expect(d[0].finding.title).toMatch(/^Memory above 85 % of 8\.0 GiB for 10 min/);
    }
    // 7 GiB is below 90 % of 8 GiB: a stricter config moves the threshold.
    expect(detectThresholdBreaches(ruleInput([mem, limit]), { ...DEFAULT_THRESHOLDS, memoryFractionOfLimit: 0.9 }).length).toBe(0);
  });

  it('compares P99 in seconds against 1 s and error rates against 1 %', () => {
    const p99s = series('http_p99_seconds', 's', 10, MIN, (i) => (i >= 5 ? 1.5 : 0.2));
    const errors = series('error_rate_percent', '%', 10, MIN, (i) => (i >= 8 ? 2 : 0.5));
    const found = detectThresholdBreaches(ruleInput([p99s, errors])).map((d) => [d.finding.title.split(' for ')[0], d.finding.window.startMs - T0]);
    expect(found).toEqual([['P99 latency above 1 s', 5 * MIN], ['Error rate above 1 %', 8 * MIN]]);
  });
});

describe('change point and memory growth', () => {
  it('finds where a level series starts to climb, exactly on noiseless data', () => {
    const x = Array.from({ length: 40 }, (_, i) => i);
    const y = x.map((i) => (i < 25 ? 100 : 100 + 3 * (i - 25)));
    const cp = flatThenLinear(x, y)!;
    expect(cp.index).toBe(25);
    expect(cp.fit.slope).toBeCloseTo(3, 10);
  });

  // Flat at 2 GiB with noise for 6 h, then +100 MiB/h for 20 h; 5-minute samples; deploy 2 h in.
  const rand = noise(7);
  const leak = series('process_resident_memory_bytes', 'bytes', 26 * 12, 5 * MIN, (i) => 2 * GiB + (i >= 72 ? ((i - 72) * 100 * MiB) / 12 : 0) + 20 * MiB * rand());

  it('reports rate, change point, the deploy before it and the OOM ETA', () => {
    const deploy = event(T0 + 2 * HOUR, 'deploy', 'friend system');
    const later = event(T0 + 7 * HOUR, 'config', 'unrelated later change');
    const [d, ...rest] = detectMemoryGrowth(ruleInput([leak], [deploy, later], { options: { memoryLimitBytes: bytes(8 * GiB) } }));
    expect(rest).toEqual([]);
    const ev = Object.fromEntries(d.finding.evidence.map((e) => [e.label, e.value]));
    expect(Number(ev['leak rate']) / MiB).toBeGreaterThan(97);
    expect(Number(ev['leak rate']) / MiB).toBeLessThan(103);
    expect(Math.abs(d.finding.window.startMs - (T0 + 6 * HOUR))).toBeLessThanOrEqual(30 * MIN);
    expect(Math.abs(Number(ev['growth began after it']) - 4 * HOUR)).toBeLessThanOrEqual(30 * MIN);
    expect(d.finding.title).toMatch(/after the 'friend system' deploy/);
    // At the end the series is near 2 GiB + 2 000 MiB; (8 GiB − that) / 100 MiB/h ≈ 41.9 h.
    const last = leak.v[leak.v.length - 1];
    expect(Number(ev['hours until the limit'])).toBeCloseTo((8 * GiB - last) / Number(ev['leak rate']), 1);
  });

  it('reads a restart sawtooth as one leak starting over, and ignores a level noisy series', () => {
    const saw = series('rss_bytes', 'bytes', 200, 5 * MIN, (i) => 1 * GiB + ((i % 100) * 30 * MiB));
    const [d] = detectMemoryGrowth(ruleInput([saw]));
    expect(d.finding.detail).toMatch(/started over after 1 restart/);
    const r = noise(3);
    const flat = series('rss_bytes', 'bytes', 300, 5 * MIN, () => 2 * GiB + 200 * MiB * r());
    expect(detectMemoryGrowth(ruleInput([flat]))).toEqual([]);
  });
});

describe('cache stampede', () => {
  const expiry = 300; // the sample index (seconds) at which every key expires
  const misses = series('cache_misses', 'count', 600, 1000, (i) => (i >= expiry && i < 420 ? 4800 : 100));
  const conns = series('db_connections_active', 'connections', 600, 1000, (i) => (i >= expiry + 2 && i < 420 ? 100 : 10));
  const pool = series('db_pool_max', 'connections', 600, 1000, () => 100);
  const latency = series('db_query_p99_ms', 'ms', 600, 1000, (i) => (i >= expiry + 3 && i < 420 ? 2000 : 8));
  const warm = event(T0 + (expiry - 120) * 1000, 'config', 'cache warm-up', undefined, 'all keys SET with EX 60');

  it('fires on a synchronized miss spike followed by pool saturation and latency collapse, at the TTL boundary', () => {
    const [d, ...rest] = detectCacheStampede(ruleInput([misses, conns, pool, latency], [warm]));
    expect(rest).toEqual([]);
    expect(d.finding.window).toEqual({ startMs: T0 + expiry * 1000, endMs: T0 + 420 * 1000 });
    expect(d.finding.title).toMatch(/×48 at once on a 1 min TTL boundary, DB pool saturated, latency ×250/);
    expect(d.finding.suggestedFix).toMatch(/single-flight.*XFetch.*stale while revalidating.*jitter/);
    expect(d.seriesIds).toEqual(['cache_misses', 'db_connections_active', 'db_query_p99_ms']);
  });

  it('reads TTLs as chat and tools write them', () => {
    expect(ttlFromText('all keys set with 60s TTL')).toBe(60_000);
    expect(ttlFromText('TTL 5 min')).toBe(300_000);
    expect(ttlFromText('SET k v EX 30')).toBe(30_000);
    expect(ttlFromText('no expiry here')).toBeUndefined();
  });

  it('does not fire on a cold cache the database absorbs, nor on misses that grow with load', () => {
    const calmDb = series('db_connections_active', 'connections', 600, 1000, () => 10);
    const calmLatency = series('db_query_p99_ms', 'ms', 600, 1000, () => 8);
    expect(detectCacheStampede(ruleInput([misses, calmDb, pool, calmLatency]))).toEqual([]);
    const ramp = series('cache_misses', 'count', 600, 1000, (i) => 100 + 10 * i);
    expect(detectCacheStampede(ruleInput([ramp, conns, pool, latency]))).toEqual([]);
  });
});

describe('lock-contention collapse', () => {
  const n = 360;
  const at = 180; // 10-second samples: the collapse starts 30 min in
  const throughput = series('ops_per_s', 'ops/s', n, 10_000, (i) => (i < at ? 50_000 : 2_000));
  const user = series('cpu_user_percent', '%', n, 10_000, (i) => (i < at ? 55 : 22));
  const system = series('cpu_system_percent', '%', n, 10_000, (i) => (i < at ? 9 : 70));

  it('fires when throughput falls while CPU rises and system time dominates', () => {
    const [d, ...rest] = detectLockContentionCollapse(ruleInput([throughput, user, system]));
    expect(rest).toEqual([]);
    expect(d.finding.window).toEqual({ startMs: T0 + at * 10_000, endMs: T0 + n * 10_000 });
    const ev = Object.fromEntries(d.finding.evidence.map((e) => [e.label, e.value]));
    expect(ev).toMatchObject({ 'throughput before': 50_000, 'throughput during': 2_000, 'CPU before': 64, 'CPU during': 92, 'system share during': 0.76 });
  });

  it('gives the P99 in milliseconds whatever unit the latency series is in', () => {
    const p99Seconds = series('http_request_duration_p99_seconds', 's', n, 10_000, (i) => (i < at ? 0.004 : 0.9));
    const [d] = detectLockContentionCollapse(ruleInput([throughput, user, system, p99Seconds]));
    const ev = Object.fromEntries(d.finding.evidence.map((e) => [e.label, [e.value, e.unit]]));
    expect(ev['P99 before']).toEqual([4, 'ms']);
    expect(ev['P99 during']).toEqual([900, 'ms']);
  });

  it('does not fire when CPU goes idle with the throughput (a slow upstream), nor when user time dominates', () => {
    const idleSys = series('cpu_system_percent', '%', n, 10_000, (i) => (i < at ? 9 : 3));
    const idleUser = series('cpu_user_percent', '%', n, 10_000, (i) => (i < at ? 55 : 5));
    expect(detectLockContentionCollapse(ruleInput([throughput, idleUser, idleSys]))).toEqual([]);
    const busyUser = series('cpu_user_percent', '%', n, 10_000, (i) => (i < at ? 55 : 80));
    const someSys = series('cpu_system_percent', '%', n, 10_000, (i) => (i < at ? 9 : 15));
    expect(detectLockContentionCollapse(ruleInput([throughput, busyUser, someSys]))).toEqual([]);
  });

  it('joins the lock findings of the case', () => {
    const lock: Finding = {
      id: 'locks.contention.0', analysis: 'locks.contention', category: 'lock-contention', severity: 'high',
      title: 'InventoryStore::mutex_ waited 41 s', detail: '', evidence: [], paths: [{ label: 'call path', steps: ['save()', 'lock()'] }],
      suggestedFix: 'Split the store lock.', sources: ['perf-lock.txt'], impact: {},
    };
    const [d] = detectLockContentionCollapse(ruleInput([throughput, user, system], [], { earlierFindings: [lock] }));
    expect(d.finding.detail).toMatch(/names the lock: InventoryStore::mutex_ waited 41 s/);
    expect(d.finding.paths[1]).toEqual(lock.paths[0]);
    expect(d.finding.sources).toContain('perf-lock.txt');
  });
});

describe('cascade and OOM kills', () => {
  it('chains services that fail within the window of the previous one', () => {
    const events = [
      event(T0, 'alert', 'pool exhausted', 'postgres'),
      event(T0 + 15_000, 'alert', '5xx', 'api'),
      event(T0 + 20_000, 'alert', 'again', 'postgres'),
      event(T0 + 8 * MIN, 'alert', 'timeouts', 'matchmaking'),
      event(T0 + 30 * MIN, 'alert', 'unrelated', 'billing'),
      event(T0 + 5_000, 'deploy', 'not a failure', 'web'),
    ];
    const [d, ...rest] = detectCascade(ruleInput([], events));
    expect(rest).toEqual([]);
    expect(d.finding.title).toBe('Cascade over 3 services in 8 min: postgres → api → matchmaking');
  });

  it('does not call several hosts of one service a cascade; groups their OOM kills instead', () => {
    const kills = ['a', 'b', 'c'].map((h, i) => event(T0 + i * 20 * MIN, 'oom', `OOM killer: game-server killed on ${h}`, 'game-server', 'anon-rss 7.8 GiB. line'));
    expect(detectCascade(ruleInput([], kills))).toEqual([]);
    const [oom] = detectOomKills(ruleInput([], kills));
    expect(oom.finding.title).toBe('game-server killed by the OOM killer 3 times within 40 min (first 2026-01-10 08:00:00 UTC)');
  });
});

describe('plain dmesg kills placed at the restarts the metrics show', () => {
  const GIB = 2 ** 30;
  const dmesgKill = (secondsSinceBoot: number): FloatingEvent => ({
    kind: 'oom',
    at: { kind: 'since-boot', secondsSinceBoot },
    title: `OOM killer: api (pid ${secondsSinceBoot}) killed`,
    detail: '',
    source: 'dmesg.txt',
    service: 'api',
  });
  // rss of `api` every minute; it restarts (falls to 1 GiB from 4 GiB or more) at the given sample indexes.
  const rssRestartingAt = (...at: number[]) => series('process_resident_memory_bytes', 'bytes', 120, MIN, (i) => (1 + (i - Math.max(0, ...at.filter((a) => a <= i))) / 3) * GIB, { job: 'api' });

  it('matches kills to the one run of restarts as far apart as the kills, and dates them by it', () => {
    const placed = placeKillsAtRestarts([dmesgKill(5000), dmesgKill(5000 + 40 * 60)], [rssRestartingAt(20, 30, 60)]);
    expect(placed && 'bootMs' in placed && placed.matches.map((m) => new Date(m.atMs).toISOString())).toEqual([new Date(T0 + 20 * MIN).toISOString(), new Date(T0 + 60 * MIN).toISOString()]);
  });

  it('places nothing when the spacing fits no run of restarts, or fits two', () => {
    expect(placeKillsAtRestarts([dmesgKill(5000), dmesgKill(5000 + 25 * 60)], [rssRestartingAt(20, 30, 60)])).toEqual({ why: expect.stringMatching(/^the spacing of 2 OOM kills of api in dmesg\.txt matches no run of restarts/) });
    expect(placeKillsAtRestarts([dmesgKill(5000), dmesgKill(5000 + 10 * 60)], [rssRestartingAt(20, 30, 40)])).toEqual({ why: expect.stringMatching(/fit 2 different runs of the restarts in the metrics/) });
  });
});

describe('downsampling for the view', () => {
  it('keeps at most maxPoints, each bucket’s min and max, so a one-sample spike survives', () => {
    const t = Array.from({ length: 100_000 }, (_, i) => i);
    const v = t.map((i) => (i === 54_321 ? 1e9 : Math.sin(i / 100)));
    const d = downsampleMinMax(t, v, 2000);
    expect(d.t.length).toBeLessThanOrEqual(2000);
    expect(d.v).toContain(1e9);
    expect(d.t[d.v.indexOf(1e9)]).toBe(54_321);
    expect(Math.min(...d.v)).toBe(Math.min(...v));
    expect([...d.t].sort((a, b) => a - b)).toEqual(d.t);
  });
});

describe('trailing window extremes (the rules’ fast screen)', () => {
  it('equals the brute-force min and max over [t − from, t − to) on irregular times', () => {
    const r = noise(11);
    const t: number[] = [];
    for (let i = 0, at = 0; i < 2000; i++) t.push((at += 1 + Math.floor(Math.abs(r()) * 5)));
    const v = t.map(() => r() * 100);
    for (const kind of ['min', 'max'] as const) {
      const fast = trailingExtreme(t, v, 40, 7, kind);
      for (let i = 0; i < t.length; i++) {
        const window = v.filter((_, j) => t[j] >= t[i] - 40 && t[j] < t[i] - 7);
        const expected = window.length ? (kind === 'min' ? Math.min(...window) : Math.max(...window)) : NaN;
        expect(fast[i]).toBe(expected);
      }
    }
  });
});
