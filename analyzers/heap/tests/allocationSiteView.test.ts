import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';

const SAMPLES = join(__dirname, '..', '..', '..', 'samples');
const run = (files: string[]) => runCase(files, { onProgress: () => {}, signal: new AbortController().signal });

describe('allocation sites of a V8 allocation timeline in the heap view', () => {
  it('shows where the never-evicted sessions were allocated, with the 2 000 live objects the program keeps', async () => {
    const result = await run([join(SAMPLES, 'alloc', 'fixtures', 'sessions.heaptimeline.gz')]);
    const [sites] = result.views.heap?.allocationSites ?? [];
    expect(sites.file).toBe('sessions.heaptimeline.gz');
    const [top] = sites.sites;
    expect(top.site).toBe('PlayerSession record_heaptimeline.mjs:11');
    // record_heaptimeline.mjs opens 2 000 sessions and never evicts one; each is still alive.
    expect(top.liveCount).toBeGreaterThanOrEqual(2000);
    expect(top.stack.slice(0, 3).map((f) => f.split(' ')[0])).toEqual(['PlayerSession', 'openSession', 'handleRequest']);
    for (let i = 1; i < sites.sites.length; i++) expect(sites.sites[i - 1].liveBytes).toBeGreaterThanOrEqual(sites.sites[i].liveBytes);

    const finding = result.findings.find((f) => f.analysis === 'heap.allocation-sites');
    expect(finding?.title).toContain('PlayerSession record_heaptimeline.mjs:11');
    expect(finding?.paths[0].steps).toEqual(top.stack);
  });

  it('is absent for snapshots taken without allocation tracking', async () => {
    const result = await run([join(SAMPLES, 'heap', 'game-1-baseline.heapsnapshot.gz')]);
    expect(result.views.heap?.allocationSites).toBeUndefined();
    expect(result.findings.some((f) => f.analysis === 'heap.allocation-sites')).toBe(false);
  });
});
