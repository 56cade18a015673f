import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../report/buildReport';
import { runCase } from '../../pipeline/runCase';
import { quietContext, tempFile } from '../../ingest/tests/loadForTest';
import { load, loadText } from './helpers';

/** Real captures: samples/stampede/generate.sh (the stampede through PgBouncer) and pg_lock_pileup.sh. */
const DIR = join(__dirname, '../../../samples/stampede/fixtures');
const fixture = (name: string) => join(DIR, name);
const text = (name: string) => readFileSync(fixture(name), 'utf8');
const analyse = (files: string[]) => runCase(files, { ...quietContext(), options: {} });

/** cl_waiting of the app pool per stamp, read from the psql table without the parser. */
function clWaiting(): { atMs: number; waiting: number; svActive: number }[] {
  const out: { atMs: number; waiting: number; svActive: number }[] = [];
  let at = 0;
  let header: string[] = [];
  for (const line of text('pgbouncer_pools.log').split('\n')) {
    if (/^\d{4}-\d{2}-\d{2}T/.test(line)) at = Date.parse(line);
    const cells = line.split('|').map((c) => c.trim());
    if (cells[0] === 'database') header = cells;
    else if (cells[0] === 'app') out.push({ atMs: at, waiting: Number(cells[header.indexOf('cl_waiting')]), svActive: Number(cells[header.indexOf('sv_active')]) });
  }
  return out;
}

describe('pg_stat_activity snapshots as CSV', () => {
  it('counts the client connections by state in each snapshot (the header repeats with every psql run)', async () => {
    const loaded = await load(fixture('pg_stat_activity.csv'));
    expect(loaded.formatId).toBe('pg-stat-activity-csv');
    expect(loaded.complete).toBe(true);
    const rows = text('pg_stat_activity.csv').split('\n').filter((l) => l && !l.startsWith('captured_at'));
    const times = [...new Set(rows.map((r) => r.split(',')[0]))];
    const active = loaded.artifact.series.find((s) => s.name === 'pg_connections_active')!;
    expect(active.t.length).toBe(times.length);
    const last = times[times.length - 1];
    const activeInLast = rows.filter((r) => r.startsWith(`${last},`) && r.includes(',client backend,active,')).length;
    expect(active.t[active.t.length - 1]).toBe(Date.parse(last.replace(' ', 'T').replace(/\+00$/, 'Z')));
    expect(active.v[active.v.length - 1]).toBe(activeInLast);
    expect(loaded.artifact.series.find((s) => s.name === 'pg_max_connections')!.v[0]).toBe(20);
  });

  it('a real lock pile-up: connections waiting on a Lock behind one idle in transaction become a pool-exhaustion finding', async () => {
    const result = await analyse([fixture('pg_stat_activity_lock_pileup.csv')]);
    const rows = text('pg_stat_activity_lock_pileup.csv').split('\n').filter((l) => l && !l.startsWith('captured_at'));
    const byTime = new Map<string, number>();
    for (const r of rows) if (r.includes(',active,Lock,')) byTime.set(r.split(',')[0], (byTime.get(r.split(',')[0]) ?? 0) + 1);
    const peak = Math.max(...byTime.values());
    const pileUp = result.findings.find((f) => f.category === 'pool-exhaustion')!;
    expect(pileUp.title).toContain(`up to ${peak} backends waiting on a Lock`);
    expect(pileUp.detail).toContain('1 connection sat idle in a transaction');
  });
});

describe('PgBouncer SHOW POOLS captured every second', () => {
  it('one series per pool and column, dated by the stamp lines; the admin console pool is left out', async () => {
    const loaded = await load(fixture('pgbouncer_pools.log'));
    expect(loaded.formatId).toBe('pgbouncer-show-pools');
    expect(loaded.complete).toBe(true);
    const waiting = loaded.artifact.series.filter((s) => s.name === 'pgbouncer_cl_waiting');
    expect(waiting.map((s) => s.labels)).toEqual([{ database: 'app', user: 'app' }]);
    const raw = clWaiting();
    expect(waiting[0].t).toEqual(raw.map((r) => r.atMs));
    expect(waiting[0].v).toEqual(raw.map((r) => r.waiting));
  });

  it('clients queued while every server connection is busy: pool exhaustion, with the file\'s own peak', async () => {
    const result = await analyse([fixture('pgbouncer_pools.log')]);
    const raw = clWaiting();
    const top = raw.reduce((a, b) => (b.waiting > a.waiting ? b : a));
    const f = result.findings.find((x) => x.category === 'pool-exhaustion')!;
    expect(f.title).toContain(`up to ${top.waiting} clients waiting for a server connection (pool app/app, all ${top.svActive} server connections active)`);
  });

  it('the same queue as a bare CSV column (no pool, no server side): the title says only what it knows', async () => {
    const raw = clWaiting();
    const csv = tempFile('cl_waiting.csv', ['timestamp,pgbouncer_cl_waiting', ...raw.map((r) => `${new Date(r.atMs).toISOString()},${r.waiting}`)].join('\n'));
    const f = (await analyse([csv])).findings.find((x) => x.category === 'pool-exhaustion')!;
    expect(f.title).toMatch(/clients waiting for a server connection for \d/);
  });
});

describe('pool exhaustion joins the stampede in the RCA (real capture)', () => {
  it('Redis misses, PgBouncer, pg_stat_activity and the app metrics: one cache-stampede root cause with the pool exhaustion as its evidence', async () => {
    const files = ['redis_info_stats.log', 'pgbouncer_pools.log', 'pg_stat_activity.csv', 'app_metrics.csv', 'app_events.jsonl'].map(fixture);
    const result = await analyse(files);
    const report = buildReport(result);
    expect(report.rootCauses[0].chain).toBe('cache-stampede');
    const pool = result.findings.find((f) => f.category === 'pool-exhaustion')!;
    expect(report.rootCauses[0].evidence.map((e) => e.findingId)).toContain(pool.id);
    // Postgres itself never reached max_connections behind the pooler: no finding says it did.
    expect(result.findings.filter((f) => f.title.startsWith('Postgres at its connection limit'))).toEqual([]);
  });
});

describe('bad Postgres and PgBouncer input', () => {
  it('a single SHOW POOLS without a time stamp names the missing clock and the capture loop', async () => {
    const result = await analyse([fixture('pgbouncer_pools_once.txt')]);
    expect(result.failures.map((f) => f.message)).toEqual([
      "pgbouncer_pools_once.txt: has SHOW POOLS output but no time: PgBouncer prints no clock; capture it with `while sleep 10; do date -Is; psql -p 6432 pgbouncer -c 'SHOW POOLS'; done > capture.log`",
    ]);
  });

  it('pg_stat_activity CSV without a time column is named as a near miss', async () => {
    const lines = text('pg_stat_activity.csv').split('\n').filter((l) => l && !l.startsWith('captured_at'));
    const noTime = ['pid,usename,state,wait_event_type', ...lines.slice(0, 5).map((l) => l.split(',').slice(1, 3).concat(l.split(',').slice(6, 8)).join(','))].join('\n');
    const result = await analyse([tempFile('activity.csv', noTime)]);
    expect(result.failures[0].message).toMatch(/^activity\.csv: is not a recognised input: it looks like PostgreSQL pg_stat_activity snapshots .* but it has no time column/);
  });

  it('a snapshot file cut mid-row keeps the snapshots before the cut and is marked incomplete', async () => {
    const whole = text('pg_stat_activity.csv');
    const cut = whole.slice(0, whole.indexOf(',client backend,', Math.floor(whole.length / 2)));
    const loaded = await loadText('cut.csv', cut);
    expect(loaded.complete).toBe(false);
    expect(loaded.notices[0].message).toMatch(/^1 line without a time or with a different number of columns than the header \(skipped\), first at line \d+$/);
  });

  it('a header with no rows is an error, not an empty series', async () => {
    await expect(loadText('empty.csv', text('pg_stat_activity.csv').split('\n')[0] + '\n')).rejects.toThrow('empty.csv: has a pg_stat_activity header but no snapshot rows');
  });
});
