import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { quietContext, tempFile } from '../../ingest/tests/loadForTest';
import { load, loadText } from './helpers';

/** Real captures of real processes: samples/memory/generate.sh; typed/ is typed from the kernel docs. */
const DIR = join(__dirname, '../../../samples/memory');
const fixture = (name: string) => join(DIR, 'fixtures', name);
const text = (path: string) => readFileSync(path, 'utf8');

/** `Key: N kB` of each dated capture, read without the parser. */
function kbByStamp(path: string, key: string): { atMs: number; bytes: number }[] {
  const out: { atMs: number; bytes: number }[] = [];
  let at = 0;
  for (const line of text(path).split('\n')) {
    if (/^\d{4}-\d{2}-\d{2}T/.test(line)) at = Date.parse(line);
    const m = new RegExp(`^${key}:\\s+(\\d+) kB$`).exec(line);
    if (m) out.push({ atMs: at, bytes: Number(m[1]) * 1024 });
  }
  return out;
}

describe('/proc/PID/status and smaps_rollup captured in a loop', () => {
  it('status: VmRSS, RssAnon, RssFile become series named for the process, dated by the stamp lines', async () => {
    const loaded = await load(fixture('node_buffer_leak.status.log'));
    expect(loaded.formatId).toBe('process-memory');
    expect(loaded.complete).toBe(true);
    const anon = loaded.artifact.series.find((s) => s.name === 'process_rss_anon_bytes')!;
    const raw = kbByStamp(fixture('node_buffer_leak.status.log'), 'RssAnon');
    expect(anon.labels).toEqual({ process: 'node' });
    expect(anon.t).toEqual(raw.map((r) => r.atMs));
    expect(anon.v).toEqual(raw.map((r) => r.bytes));
    const [capture] = loaded.artifact.processMemory!;
    expect(capture).toMatchObject({ kind: 'proc-status', process: 'node', captures: raw.length, first: { anon: raw[0].bytes }, last: { anon: raw[raw.length - 1].bytes } });
  });

  it('smaps_rollup: Rss and Anonymous; what is not anonymous is file-backed', async () => {
    const loaded = await load(fixture('cpp_malloc_leak.smaps_rollup.log'));
    expect(loaded.formatId).toBe('process-memory');
    const rss = kbByStamp(fixture('cpp_malloc_leak.smaps_rollup.log'), 'Rss');
    const anon = kbByStamp(fixture('cpp_malloc_leak.smaps_rollup.log'), 'Anonymous');
    const [capture] = loaded.artifact.processMemory!;
    expect(capture.kind).toBe('smaps-rollup');
    expect(capture.last).toMatchObject({ rss: rss[rss.length - 1].bytes, anon: anon[anon.length - 1].bytes, file: rss[rss.length - 1].bytes - anon[anon.length - 1].bytes });
  });

  it('one status capture without a time is a breakdown, not a series', async () => {
    const loaded = await load(fixture('single.status.txt'));
    expect(loaded.artifact.series).toEqual([]);
    expect(loaded.artifact.processMemory![0]).toMatchObject({ captures: 1, process: 'cat' });
  });
});

describe('cgroup memory', () => {
  it('v1 memory.stat + memory.oom_control of a real OOM kill: anon series, the limit, and the kill as an OOM event', async () => {
    const loaded = await load(fixture('cgroup_v1_oom.log'));
    expect(loaded.formatId).toBe('process-memory');
    const limit = Number(/^hierarchical_memory_limit (\d+)$/m.exec(text(fixture('cgroup_v1_oom.log')))![1]);
    expect(loaded.artifact.series.find((s) => s.name === 'cgroup_memory_limit_bytes')!.v[0]).toBe(limit);
    expect(loaded.artifact.events.map((e) => [e.kind, e.title])).toEqual([['oom', 'OOM kill in the memory cgroup (oom_kill 0 → 1)']]);
    // The group read zero after the kill: the breakdown is of the last capture that had memory.
    const [capture] = loaded.artifact.processMemory!;
    const rss = [...text(fixture('cgroup_v1_oom.log')).matchAll(/^total_rss (\d+)$/gm)].map((m) => Number(m[1])).filter((v) => v > 0);
    expect(capture.last.anon).toBe(rss[rss.length - 1]);
    expect(capture.oomKills).toBe(1);
  });

  it('v2 memory.stat + memory.events (typed from the kernel docs): anon, file, kernel, and the OOM kill', async () => {
    const loaded = await load(join(DIR, 'typed/cgroup_v2_memory.log'));
    expect(loaded.artifact.processMemory![0]).toMatchObject({ kind: 'cgroup-v2', captures: 4, first: { anon: 104_857_600, file: 52_428_800, kernel: 4_194_304 }, last: { anon: 419_430_400 }, oomKills: 1 });
    expect(loaded.artifact.events.filter((e) => e.kind === 'oom').length).toBe(1);
  });
});

describe('bad memory captures', () => {
  it('memory.events alone is named as a near miss: it has no memory to split', async () => {
    const result = await runCase([join(DIR, 'typed/cgroup_v2_memory.events.txt')], { ...quietContext(), options: {} });
    expect(result.failures[0].message).toMatch(/it looks like Process memory .* but it holds only memory\.events \(OOM counters\)/);
  });

  it('the status of an exited process (no VmRSS) is named as such', async () => {
    const status = text(fixture('single.status.txt')).split('\n').filter((l) => !/^(Vm|Rss|Hugetlb)/.test(l)).join('\n');
    const result = await runCase([tempFile('status.txt', status)], { ...quietContext(), options: {} });
    expect(result.failures[0].message).toMatch(/^status\.txt: is not a recognised input: .*but it has no VmRSS: a kernel thread, or a process that had exited/);
  });

  it('a log cut mid-line keeps the captures before it and is marked incomplete', async () => {
    const whole = text(fixture('node_buffer_leak.status.log'));
    const cut = whole.slice(0, whole.indexOf('RssAnon:', Math.floor(whole.length / 2)) + 5);
    const loaded = await loadText('cut.log', cut);
    expect(loaded.complete).toBe(false);
    expect(loaded.notices[0].message).toMatch(/^1 line not memory fields, first at line \d+$/);
    expect(loaded.artifact.processMemory![0].captures).toBeGreaterThan(5);
  });
});
