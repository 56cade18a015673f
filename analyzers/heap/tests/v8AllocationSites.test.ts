import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSource } from '../../ingest/fileSource';
import { readHeapSnapshot } from '../readHeapSnapshot';
import { allocationSitesFromTrace } from '../v8AllocationSites';

/** Recorded by samples/alloc/record_heaptimeline.mjs beside the native leak reports of the same incident. */
const TIMELINE = join(__dirname, '../../../samples/alloc/fixtures/sessions.heaptimeline.gz');

describe('V8 allocation timeline (record_heaptimeline.mjs, node 20 inspector, trackAllocations)', () => {
  it('ranks the never-evicted PlayerSession objects first, with their live counts and call path', async () => {
    const source = await openFileSource(TIMELINE);
    const graph = await readHeapSnapshot(source, { onProgress: () => {}, signal: new AbortController().signal });
    const trace = graph.allocationTrace;
    expect(trace).not.toBeNull();
    const sites = allocationSitesFromTrace(trace!, graph.nodeSelfSize);
    const [top] = sites;
    expect(top.frame).toMatchObject({ fn: 'PlayerSession', file: 'record_heaptimeline.mjs', line: 11 });
    expect(top.stack.map((f) => f.fn).slice(0, 3)).toEqual(['PlayerSession', 'openSession', 'handleRequest']);
    expect(top.liveBytes).toBeGreaterThan(100_000);
    // Every live object with an allocation trace lands in exactly one site.
    const traced = trace!.nodeTraceNodeId!.reduce((n, id) => n + (id === 0 ? 0 : 1), 0);
    expect(sites.reduce((n, s) => n + s.liveCount, 0)).toBe(traced);
    // Without self sizes, sites rank by what V8 counted as allocated.
    const bySize = allocationSitesFromTrace(trace!);
    expect(bySize.every((s) => s.liveBytes === 0)).toBe(true);
    expect(bySize[0].allocatedBytes).toBeGreaterThanOrEqual(bySize[1].allocatedBytes);
  });
});
