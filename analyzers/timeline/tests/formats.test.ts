import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKernelLine } from '../formats/kernelLogFormat';
import { splitHeader, unitFromName } from '../metricUnits';
import { parseTimestamp } from '../timeParse';
import { INCIDENTS, load, loadText } from './helpers';

const sample = (p: string) => join(INCIDENTS, p);

describe('format detection on the incident samples', () => {
  it.each([
    ['memory-leak/game-1-memory.prometheus.json', 'prometheus-query-range'],
    ['memory-leak/game-1-metrics.csv', 'metrics-csv'],
    ['memory-leak/kern.log', 'kernel-log'],
    ['memory-leak/events.jsonl', 'events-jsonl'],
    ['memory-leak/chat-timeline.txt', 'chat-timeline'],
    ['cache-stampede/metrics.csv', 'metrics-csv'],
    ['cache-stampede/chat-timeline.txt', 'chat-timeline'],
    ['lock-contention/inventory-metrics.jsonl', 'metrics-jsonl'],
    ['lock-contention/inv-1-cpu.csv', 'metrics-csv'],
  ])('%s is read as %s, completely', async (file, formatId) => {
    const loaded = await load(sample(file));
    expect(loaded.formatId).toBe(formatId);
    expect(loaded.complete).toBe(true);
  });
});

describe('times and units', () => {
  it('reads epoch seconds, milliseconds and ISO 8601 with and without zone', () => {
    const ms = Date.UTC(2026, 3, 2, 17, 0, 1, 2);
    expect(parseTimestamp(ms / 1000)?.ms).toBe(ms);
    expect(parseTimestamp(String(ms))?.ms).toBe(ms);
    expect(parseTimestamp('2026-04-02T17:00:01.002Z')).toEqual({ ms, assumedUtc: false });
    expect(parseTimestamp('2026-04-02T19:00:01.002+02:00')?.ms).toBe(ms);
    expect(parseTimestamp('2026-04-02 17:00:01.002')).toEqual({ ms, assumedUtc: true });
    expect(parseTimestamp('yesterday')).toBeUndefined();
  });

  it('an epoch number no clock writes (1e26, negative, past the year 2200) is not a time', () => {
    for (const damaged of [1e26, '1e26', -1779285600000, '-1779285600', 9e12, Infinity]) expect(parseTimestamp(damaged)).toBeUndefined();
    expect(parseTimestamp(0)?.ms).toBe(0);
  });

  it('infers units from metric names and header brackets', () => {
    expect(unitFromName('container_memory_working_set_bytes')).toBe('bytes');
    expect(unitFromName('cpu_system_percent')).toBe('%');
    expect(unitFromName('http_request_duration_seconds')).toBe('s');
    expect(unitFromName('latency_p99_ms')).toBe('ms');
    expect(unitFromName('inventory_throughput_ops_per_s')).toBe('ops/s');
    expect(unitFromName('db_connections_active')).toBe('connections');
    expect(splitHeader('GC pause (ms)')).toEqual({ name: 'GC pause', unit: 'ms' });
    expect(splitHeader('heap [bytes]')).toEqual({ name: 'heap', unit: 'bytes' });
  });
});

describe('metrics CSV', () => {
  it('keeps every value of every column with its unit (memory-leak sample)', async () => {
    const text = readFileSync(sample('memory-leak/game-1-metrics.csv'), 'utf8').trim().split('\n');
    const { artifact } = await load(sample('memory-leak/game-1-metrics.csv'));
    const cpu = artifact.series.find((s) => s.name === 'cpu_percent')!;
    expect(cpu.unit).toBe('%');
    expect(cpu.v.length).toBe(text.length - 1);
    const [time, value] = text[1].split(',');
    expect(cpu.t[0]).toBe(Date.parse(time));
    expect(cpu.v[0]).toBe(Number(value));
  });

  it('counts bad rows with the line of the first, and marks the result incomplete', async () => {
    const loaded = await loadText('m.csv', 'time,cpu_percent\n1700000000,10\nnot a time,20\n1700000010,30,40\n1700000020,\n1700000030,50\n');
    expect(loaded.artifact.series[0].v).toEqual([10, 50]);
    expect(loaded.complete).toBe(false);
    expect(loaded.notices.map((n) => n.message)).toEqual([
      '2 lines not understood (time not readable or wrong number of columns), first at line 3',
      '1 line with empty cells (gaps), first at line 5',
    ]);
  });

  it('a value turned to text in the real metrics CSV is a value lost (incomplete); a gap is not', async () => {
    const lines = readFileSync(sample('cache-stampede/metrics.csv'), 'utf8').split('\n');
    const damaged = [...lines];
    damaged[40] = damaged[40].replace(/,(\d+(?:\.\d+)?)(?=,|$)/, ',4x2');
    expect(damaged[40]).not.toBe(lines[40]);
    const lost = await loadText('metrics.csv', damaged.join('\n'));
    expect(lost.complete).toBe(false);
    expect(lost.notices.map((n) => n.message)).toContain('1 line with a value that is not a number (those cells left out), first at line 41');

    const gapped = [...lines];
    gapped[40] = gapped[40].replace(/,(\d+(?:\.\d+)?)(?=,|$)/, ',null');
    const gap = await loadText('metrics.csv', gapped.join('\n'));
    expect(gap.complete).toBe(true);
    expect(gap.notices.map((n) => n.message)).toContain('1 line with empty cells (gaps), first at line 41');
  });

  it('reads Grafana-style quoted headers and zone-less times, saying UTC was assumed', async () => {
    const loaded = await loadText('g.csv', '"Time","p99 latency (ms)"\n"2026-01-10 08:00:00","12.5"\n"2026-01-10 08:00:10","13"\n');
    expect(loaded.artifact.series[0]).toMatchObject({ name: 'p99 latency', unit: 'ms', v: [12.5, 13], t: [Date.UTC(2026, 0, 10, 8), Date.UTC(2026, 0, 10, 8, 0, 10)] });
    expect(loaded.notices.map((n) => n.message)).toContain('times have no time zone; UTC assumed');
  });
});

describe('Prometheus query_range JSON', () => {
  it('reads each result as a series with its labels; values are strings in seconds', async () => {
    const { artifact } = await load(sample('memory-leak/game-1-memory.prometheus.json'));
    const doc = JSON.parse(readFileSync(sample('memory-leak/game-1-memory.prometheus.json'), 'utf8')) as { data: { result: { values: [number, string][] }[] } };
    const ws = artifact.series.find((s) => s.name === 'container_memory_working_set_bytes')!;
    expect(ws.labels).toEqual({ container: 'game-server', instance: 'game-1' });
    expect(ws.unit).toBe('bytes');
    expect(ws.v.length).toBe(doc.data.result[0].values.length);
    expect(ws.t[5]).toBe(doc.data.result[0].values[5][0] * 1000);
    expect(ws.v[5]).toBe(Number(doc.data.result[0].values[5][1]));
  });

  it('skips NaN points with a notice, and names the line of a JSON syntax error', async () => {
    const ok = await loadText('p.json', JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { __name__: 'up' }, values: [[1, '1'], [2, 'NaN']] }] } }));
    expect(ok.artifact.series[0].v).toEqual([1]);
    expect(ok.notices[0].message).toMatch(/1 points not numbers.*data\.result\[0\]\.values\[1\]/);
    const broken = '{"status":"success","data":{"resultType":"matrix",\n"result":[{"metric":{},\n"values":[[1,"1"],]}]}}';
    await expect(loadText('b.json', broken)).rejects.toMatchObject({ name: 'InputError', where: { line: 3 } });
    await expect(loadText('v.json', '{"status":"success","data":{"resultType":"vector","result":[]}}')).rejects.toThrow(/holds a 'vector' result; only range queries \(matrix\) have a time axis/);
  });
});

describe('JSON Lines', () => {
  it('groups metric records by metric and labels', async () => {
    const { artifact } = await load(sample('lock-contention/inventory-metrics.jsonl'));
    const lines = readFileSync(sample('lock-contention/inventory-metrics.jsonl'), 'utf8').trim().split('\n');
    expect(artifact.series.map((s) => s.name).sort()).toEqual(['inventory_latency_p99_ms', 'inventory_throughput_ops_per_s']);
    expect(artifact.series.reduce((n, s) => n + s.v.length, 0)).toBe(lines.length);
  });

  it('reads events with their kind and service; bad lines and unknown kinds are counted', async () => {
    const loaded = await loadText(
      'e.jsonl',
      [
        '{"ts":"2026-01-10T08:00:00Z","kind":"deploy","title":"v2","detail":"d","service":"api"}',
        '{"ts":"2026-01-10T08:01:00Z","kind":"page","title":"paged"}',
        '{"ts":"2026-01-10T08:02:00Z","kind":"weird","title":"w"}',
        '{"ts":"never","kind":"note","title":"x"}',
        '{broken',
      ].join('\n'),
    );
    expect(loaded.artifact.events.map((e) => [e.kind, e.service])).toEqual([['deploy', 'api'], ['alert', undefined], ['note', undefined]]);
    expect(loaded.complete).toBe(false);
    expect(loaded.notices.map((n) => n.line)).toEqual([4, 3]);
  });
});

describe('kernel log OOM reports', () => {
  it('turns each OOM kill of the sample into an event with host, pid and sizes', async () => {
    const { artifact, notices } = await load(sample('memory-leak/kern.log'));
    const kills = readFileSync(sample('memory-leak/kern.log'), 'utf8').split('\n').filter((l) => l.includes('Out of memory: Killed process'));
    expect(artifact.events.length).toBe(kills.length);
    expect(artifact.events[0]).toMatchObject({ kind: 'oom', service: 'game-server', atMs: Date.UTC(2026, 2, 15, 18, 30, 12) });
    expect(artifact.events[0].title).toBe('OOM killer: game-server (pid 1234) killed on game-1');
    expect(artifact.events[0].detail).toMatch(/^anon-rss 7\.8 GiB, total-vm 9\.4 GiB\. Kernel log line \d+: Out of memory/);
    expect(notices[0].message).toBe(`${kills.length} OOM kills in ${readFileSync(sample('memory-leak/kern.log'), 'utf8').trim().split('\n').length} log lines`);
  });

  it('reads dmesg -T, BSD syslog (no year), 4.x kernels and names with parentheses; plain dmesg counts seconds since boot', async () => {
    expect(readKernelLine('[Mon Dec  8 17:51:31 2025] Out of memory: Killed process 1 (x)')).toMatchObject({ at: Date.UTC(2025, 11, 8, 17, 51, 31) });
    const text = [
      '[Mon Dec  8 17:51:31 2025] Out of memory: Killed process 4242 (java) total-vm:4096kB, anon-rss:2048kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:64kB oom_score_adj:0',
      'May 15 23:09:30 web-1 kernel: [  518.061172] Out of memory: Killed process 15925 ((resolved)) total-vm:168424kB, anon-rss:4064kB, file-rss:3584kB, shmem-rss:0kB',
      'May 15 23:10:02 web-1 kernel: [  550.000001] Out of memory: Kill process 777 (php-fpm) score 912 or sacrifice child',
      'May 15 23:10:02 web-1 kernel: [  550.000101] Killed process 777 (php-fpm) total-vm:512000kB, anon-rss:400000kB, file-rss:0kB',
      '[  600.100000] Memory cgroup out of memory: Killed process 31337 (worker) total-vm:1000kB, anon-rss:900kB, file-rss:0kB',
    ].join('\n');
    const { artifact, notices, complete } = await loadText('kern.txt', text);
    expect(artifact.events.map((e) => e.service)).toEqual(['java']);
    expect(artifact.floatingEvents.map((e) => [e.service, e.at])).toEqual([
      ['(resolved)', { kind: 'yearless', month: 4, day: 15, msOfDay: (23 * 3600 + 9 * 60 + 30) * 1000 }],
      ['php-fpm', { kind: 'yearless', month: 4, day: 15, msOfDay: (23 * 3600 + 10 * 60 + 2) * 1000 }],
      ['worker', { kind: 'since-boot', secondsSinceBoot: 600.1 }],
    ]);
    // Every kill is read: a time the log does not give is not a part of the file missing.
    expect(complete).toBe(true);
    expect(notices.map((n) => n.message).join('\n')).toMatch(/1 line with an OOM kill in seconds since boot.*first at line 5/);
    // Syslog lines without a year give no full wall-clock time: none of them dates the boot.
    expect(artifact.bootMs).toBeUndefined();
  });
});

describe('chat timeline', () => {
  it('reads times with milliseconds, Day N prefixes and passes midnight', async () => {
    const { artifact } = await loadText('c.txt', ['17:00:01.002 - all requests miss the cache', 'Day 2, 18:30 - first server OOM killed', '23:59 - still down', '00:10 – back up', 'random words'].join('\n'));
    expect(artifact.floatingEvents.map((e) => [e.at, e.kind, e.title])).toEqual([
      [{ kind: 'day-offset', dayOffset: 0, msOfDay: 61_201_002 }, 'note', 'all requests miss the cache'],
      [{ kind: 'day-offset', dayOffset: 1, msOfDay: 66_600_000 }, 'oom', 'first server OOM killed'],
      [{ kind: 'day-offset', dayOffset: 1, msOfDay: 86_340_000 }, 'note', 'still down'],
      [{ kind: 'day-offset', dayOffset: 2, msOfDay: 600_000 }, 'note', 'back up'],
    ]);
  });

  it('is not claimed for prose', async () => {
    await expect(loadText('x.txt', 'hello\nworld - 17:00\n')).rejects.toThrow(/not detected/);
  });
});
