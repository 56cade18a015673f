import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { quietContext } from '../../ingest/tests/loadForTest';
import { pprofRawTotals } from '../../ingest/tests/pprofRaw';
import type { LeakReport } from '../model';
import { fixture, fixtureText, load, loadReport, tempFile } from './fixtures';

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

describe('Go heap profile as text (/debug/pprof/heap?debug=1)', () => {
  it('un-samples counts and bytes as go tool pprof does, and agrees with the protobuf written by the same run', async () => {
    const text = await loadReport('inventory_heap.txt');
    expect(text.formatId).toBe('alloc.pprof-heap');
    expect(text.complete).toBe(true);
    const bytes = (r: LeakReport) => r.records.reduce((s, x) => s + x.bytes, 0);
    const blocks = (r: LeakReport) => r.records.reduce((s, x) => s + x.blocks, 0);
    const reference = pprofRawTotals(fixture('inventory_heap.txt.pprof-raw.txt'));
    expect([bytes(text.report), blocks(text.report)]).toEqual([reference.inuse_space, reference.inuse_objects]);
    const allocated = text.report.otherSections![0].entries.reduce((s, e) => s + e.value, 0);
    expect(allocated).toBe(reference.alloc_space);
    // The runtime un-samples the protobuf's values with the same formula, in floating point: equal to the byte or so per stack.
    const proto = await loadReport('inventory_heap.pb.gz');
    expect(Math.abs(bytes(text.report) - bytes(proto.report))).toBeLessThanOrEqual(proto.report.records.length);
    const site = (r: LeakReport) => r.records.find((x) => x.frames[0].fn === 'main.cacheSession')!;
    expect(site(text.report).frames).toEqual(site(proto.report).frames);
  });

  it('through the case: the same top site as the protobuf, and a damaged record named by its line', async () => {
    const result = await runCase([fixture('inventory_heap.txt')], { ...quietContext(), options: {} });
    expect(result.failures).toEqual([]);
    expect(result.views.alloc!.reports[0].sites[0].key).toMatch(/^main\.cacheSession \.\/inventory_service\.go:\d+$/);
    const damaged = tempFile('heap.txt', fixtureText('inventory_heap.txt').replace(/^(\d+): (\d+) \[/m, '$1: $2x ['));
    await expect(load(damaged)).rejects.toThrow(/heap\.txt: expected a heap profile record "COUNT: BYTES \[COUNT: BYTES\] @ 0x…", found .*\(line 2\)/);
  });
});
