import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { quietContext, tempFile } from '../../ingest/tests/loadForTest';
import { load, loadText } from './helpers';

/** Real captures of a real stampede: samples/stampede/generate.sh (redis-server 7.0.15, PgBouncer, Postgres 15). */
const STAMPEDE = join(__dirname, '../../../samples/stampede/fixtures');
const fixture = (name: string) => join(STAMPEDE, name);
const text = (name: string) => readFileSync(fixture(name), 'utf8');

/** The capture's own stamp lines and keyspace_misses values, read without the parser. */
function missesByStamp(): { atMs: number; misses: number }[] {
  const out: { atMs: number; misses: number }[] = [];
  let at = 0;
  for (const line of text('redis_info_stats.log').split('\n')) {
    if (/^\d{4}-\d{2}-\d{2}T/.test(line)) at = Date.parse(line);
    const m = /^keyspace_misses:(\d+)/.exec(line);
    if (m) out.push({ atMs: at, misses: Number(m[1]) });
  }
  return out;
}

describe('Redis INFO stats captured every second', () => {
  it('is detected from content and read whole; counters become per-second rates between the dated captures', async () => {
    const loaded = await load(fixture('redis_info_stats.log'));
    expect(loaded.formatId).toBe('redis-info');
    expect(loaded.complete).toBe(true);
    const misses = loaded.artifact.series.find((s) => s.name === 'redis_keyspace_misses_per_s')!;
    const raw = missesByStamp();
    expect(misses.t.length).toBe(raw.length - 1);
    // The interval where the misses jumped most, computed from the file's own numbers.
    let best = 1;
    for (let i = 2; i < raw.length; i++) if (raw[i].misses - raw[i - 1].misses > raw[best].misses - raw[best - 1].misses) best = i;
    const expected = ((raw[best].misses - raw[best - 1].misses) * 1000) / (raw[best].atMs - raw[best - 1].atMs);
    expect(misses.t[best - 1]).toBe(raw[best].atMs);
    expect(misses.v[best - 1]).toBeCloseTo(expected, 9);
    expect(loaded.artifact.series.map((s) => s.name)).toEqual(
      expect.arrayContaining(['redis_keyspace_hits_per_s', 'redis_expired_keys_per_s', 'redis_evicted_keys_per_s', 'redis_instantaneous_ops_per_sec']),
    );
  });

  it('a single full INFO is dated by its server_time_usec; one capture gives gauges and says the counters need a second', async () => {
    const loaded = await load(fixture('redis_info_all.txt'));
    expect(loaded.formatId).toBe('redis-info');
    const usec = Number(/^server_time_usec:(\d+)/m.exec(text('redis_info_all.txt'))![1]);
    const ops = loaded.artifact.series.find((s) => s.name === 'redis_instantaneous_ops_per_sec')!;
    expect(ops.t).toEqual([usec / 1000]);
    expect(loaded.artifact.series.find((s) => s.name === 'redis_keyspace_misses_per_s')).toBeUndefined();
    expect(loaded.notices.map((n) => n.message)).toContain('one dated capture: its counters (hits, misses, expired, evicted) need a second capture to give rates');
  });

  it('a counter that goes down (a restart) leaves that interval out and says so', async () => {
    const body = (misses: number) => `# Stats\nkeyspace_hits:10\nkeyspace_misses:${misses}\nexpired_keys:0\n`;
    const loaded = await loadText('info.log', `2026-12-03T21:00:00Z\n${body(100)}2026-12-03T21:00:01Z\n${body(130)}2026-12-03T21:00:02Z\n${body(5)}2026-12-03T21:00:03Z\n${body(25)}`);
    expect(loaded.artifact.series.find((s) => s.name === 'redis_keyspace_misses_per_s')!.v).toEqual([30, 20]);
    expect(loaded.notices.map((n) => n.message)).toContain('counters went down 1 time (the server restarted): those intervals have no rate');
  });
});

describe('Redis SLOWLOG GET', () => {
  it('each entry becomes an event at its own unix time with the command and its duration', async () => {
    const loaded = await load(fixture('redis_slowlog.txt'));
    expect(loaded.formatId).toBe('redis-slowlog');
    expect(loaded.complete).toBe(true);
    const entries = text('redis_slowlog.txt').match(/^\d+\) 1\) \(integer\) \d+$/gm)!;
    expect(loaded.artifact.events.length).toBe(entries.length);
    const [, unix, micros, command, key] = /^1\) 1\) \(integer\) \d+\n\s+2\) \(integer\) (\d+)\n\s+3\) \(integer\) (\d+)\n\s+4\) 1\) "([^"]+)"\n\s+2\) "([^"]+)"/.exec(text('redis_slowlog.txt'))!;
    const first = loaded.artifact.events[0];
    expect(first.atMs).toBe(Number(unix) * 1000);
    expect(first.title).toContain(`${command} ${key}`);
    expect(first.detail).toContain(`ran for ${micros} µs`);
  });
});

describe('a Redis miss spike feeds the cache-stampede rule (real capture)', () => {
  it('INFO misses, the app latency and the warm-up event make one stampede on the 30 s TTL boundary', async () => {
    const files = ['redis_info_stats.log', 'redis_slowlog.txt', 'app_metrics.csv', 'app_events.jsonl'].map(fixture);
    const result = await runCase(files, { ...quietContext(), options: {} });
    expect(result.failures).toEqual([]);
    const stampede = result.findings.find((f) => f.category === 'cache-stampede')!;
    expect(stampede.title).toMatch(/redis_keyspace_misses_per_s ×\d+ at once on a 30 s TTL boundary/);
    expect(stampede.sources).toEqual(expect.arrayContaining(['redis_info_stats.log', 'app_events.jsonl']));
    // The onset is the interval where the misses jumped, not the rise from zero when the load started.
    const raw = missesByStamp();
    const jump = raw.findIndex((r, i) => i > 0 && r.misses - raw[i - 1].misses > 50);
    expect(stampede.window?.startMs).toBe(raw[jump].atMs);
  });
});

describe('bad Redis input', () => {
  it('INFO stats without stamp lines names the missing clock and the capture loop', async () => {
    const stats = text('redis_info_stats.log').split(/^\d{4}-.*$/m)[5];
    const loaded = loadText('info.txt', stats);
    await expect(loaded).rejects.toThrow(/info\.txt: has one INFO capture and no time: INFO stats prints no clock; capture it with `while sleep 10; do date -Is; redis-cli INFO stats; done > capture.log`/);
  });

  it('a capture cut mid-field keeps the captures before it and is marked incomplete', async () => {
    const whole = text('redis_info_stats.log');
    const cut = whole.slice(0, whole.indexOf('keyspace_misses', Math.floor(whole.length / 2)) + 8);
    const loaded = await loadText('cut.log', cut);
    expect(loaded.complete).toBe(false);
    expect(loaded.notices[0].message).toMatch(/^1 line not INFO fields, first at line \d+/);
    expect(loaded.artifact.series.find((s) => s.name === 'redis_keyspace_misses_per_s')!.v.length).toBeGreaterThan(10);
  });

  it('INFO without its Stats section, and SLOWLOG piped without --no-raw, are named as near misses', async () => {
    const server = text('redis_info_all.txt').split('# Clients')[0];
    const info = await runCase([tempFile('server.txt', server)], { ...quietContext(), options: {} });
    expect(info.failures[0].message).toMatch(/^server\.txt: is not a recognised input: it looks like Redis INFO .* but it has no Stats section/);
    const raw = await runCase([tempFile('slowlog.txt', '7\n1796333993\n683\nGET\nleaderboard:page:82\n127.0.0.1:55942\n\n')], { ...quietContext(), options: {} });
    expect(raw.failures[0].message).toMatch(/it looks like Redis SLOWLOG GET \(redis-cli --no-raw\) but it is the raw layout/);
  });

  it('a SLOWLOG entry cut before its duration is left out, counted, and the file marked incomplete', async () => {
    const whole = text('redis_slowlog.txt');
    const second = whole.indexOf('\n2) 1)');
    const cut = whole.slice(0, second) + '\n2) 1) (integer) 6\n   2) (integer) 1796333985\n';
    const loaded = await loadText('slowlog.txt', cut);
    expect(loaded.artifact.events.length).toBe(1);
    expect(loaded.complete).toBe(false);
    // Said with the line where the entry starts, as every other dropped record is.
    expect(loaded.notices).toEqual([{ message: '1 line starting an entry without its id, time, duration or command (the entry is left out), first at line 8', line: 8 }]);
  });
});
