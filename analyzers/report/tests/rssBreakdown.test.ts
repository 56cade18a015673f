import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { quietContext, tempFile } from '../../ingest/tests/loadForTest';
import { buildReport } from '../buildReport';

/** Real processes, captured by samples/memory/generate.sh. */
const fixture = (name: string) => join(__dirname, '../../../samples/memory/fixtures', name);
const analyse = (names: string[]) => runCase(names.map(fixture), { ...quietContext(), options: {} });

describe('where the RSS went: the memory captures joined with the heap snapshot', () => {
  it('a Node process leaking Buffers: the growth is in ArrayBuffer backing stores, outside the V8 heap objects', async () => {
    const result = await analyse(['node_buffer_leak.status.log', 'node_buffer_leak.heapsnapshot.gz']);
    const f = result.findings.find((x) => x.analysis === 'timeline.rss-breakdown')!;
    expect(f.title).toMatch(/^Resident memory of node \(pid \d+\) grew [\d.]+ MiB in \d+ s, in Buffer and ArrayBuffer backing stores$/);
    const heapObjects = f.evidence.find((e) => e.label === 'V8 heap objects')!.value as number;
    const backing = f.evidence.find((e) => e.label === 'ArrayBuffer backing stores')!.value as number;
    const anon = f.evidence.find((e) => e.label === 'anonymous memory, last')!.value as number;
    // The snapshot's backing stores account for nearly all of the process's anonymous memory; its own objects for little.
    expect(backing / anon).toBeGreaterThan(0.9);
    expect(heapObjects / anon).toBeLessThan(0.05);
    expect(f.sources).toEqual(['node_buffer_leak.status.log', 'node_buffer_leak.heapsnapshot.gz']);
    expect(buildReport(result).rootCauses[0].chain).toBe('memory-leak');
  });

  it('a C++ process leaking malloc: native memory, and the Node snapshot in the same case is not joined to it', async () => {
    const result = await analyse(['cpp_malloc_leak.status.log', 'node_buffer_leak.heapsnapshot.gz']);
    const f = result.findings.find((x) => x.analysis === 'timeline.rss-breakdown')!;
    expect(f.title).toMatch(/^Resident memory of malloc_leak \(pid \d+\) grew [\d.]+ MiB in \d+ s, in native memory \(malloc, new, mmap\)$/);
    expect(f.sources).toEqual(['cpp_malloc_leak.status.log']);
  });

  it('a cgroup that reached its limit: the growth is anonymous, not page cache, and ended in the OOM kill', async () => {
    const result = await analyse(['cgroup_v1_oom.log']);
    const f = result.findings.find((x) => x.analysis === 'timeline.rss-breakdown')!;
    expect(f.impact.growth?.limitReached).toBe(true);
    expect(f.severity).toBe('critical');
    expect(f.detail).toContain('the growth ended in an OOM kill at its 48.0 MiB limit');
    expect(result.findings.some((x) => x.category === 'oom')).toBe(true);
  });

  it('a first capture without RssAnon: the growth is unknown, never counted from zero', async () => {
    const status = readFileSync(fixture('cpp_malloc_leak.status.log'), 'utf8');
    const second = status.indexOf('\n20', 1);
    const damaged = tempFile('cpp_malloc_leak.status.log', status.slice(0, second).replace(/^RssAnon:.*\n/m, '') + status.slice(second));
    const result = await runCase([damaged], { ...quietContext(), options: {} });
    expect(result.findings.filter((x) => x.analysis === 'timeline.rss-breakdown' && x.evidence.some((e) => e.label === 'anonymous memory, first' && e.value === 0))).toEqual([]);
  });

  it('one capture says nothing about growth: no finding', async () => {
    const result = await analyse(['single.status.txt']);
    expect(result.findings).toEqual([]);
  });
});
