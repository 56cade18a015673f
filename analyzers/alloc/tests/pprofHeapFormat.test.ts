import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { quietContext } from '../../ingest/tests/loadForTest';
import { fixture, loadReport } from './fixtures';

describe('Go heap profile (runtime/pprof "heap", gzipped protobuf)', () => {
  it('reads in-use memory per stack, and what each stack allocated since start as a ranking beside it', async () => {
    const { report, formatId, complete } = await loadReport('inventory_heap.pb.gz');
    expect(formatId).toBe('alloc.pprof-heap');
    expect(complete).toBe(true);
    expect(report.tool).toBe('pprof');
    expect(report.records.every((r) => r.kind === 'live' && r.bytes > 0)).toBe(true);
    // go tool pprof -sample_index=inuse_space -top: main.cacheSession holds three quarters (39.81 of 51.74 MB, flat).
    const total = report.records.reduce((s, r) => s + r.bytes, 0);
    const cache = report.records.filter((r) => r.frames[0].fn === 'main.cacheSession').reduce((s, r) => s + r.bytes, 0);
    expect(cache / total).toBeGreaterThan(0.7);
    expect(report.otherSections?.[0].title).toBe('Allocated since the program started (alloc_space)');
  });

  it('shows the sites in the allocation view with Go runtime frames folded, and no leak claim from one profile', async () => {
    const result = await runCase([fixture('inventory_heap.pb.gz')], { ...quietContext(), options: {} });
    expect(result.failures).toEqual([]);
    const view = result.views.alloc!.reports[0];
    expect(view.sites[0].key).toMatch(/^main\.cacheSession \.\/inventory_service\.go:\d+$/);
    expect(view.sites[0].stack.filter((f) => f.label.startsWith('runtime.')).every((f) => f.folded)).toBe(true);
    expect(result.findings.filter((f) => f.analysis === 'alloc.top-leaks')).toEqual([]);
  });
});
