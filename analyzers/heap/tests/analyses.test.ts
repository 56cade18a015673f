import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../core/progress';
import { HEAP_ANALYSES } from '../analyses';
import { HEAP_ANALYSIS_IDS } from '../analysisIds';
import { analyzeHeapSnapshots } from '../index';
import { loadFile, loadSample, SAMPLE_NAMES } from './fixtures';

/** A node 20 allocation timeline (samples/alloc/record_heaptimeline.mjs): another process than the game server's snapshots. */
const OTHER_PROCESS = join(__dirname, '../../../samples/alloc/fixtures/sessions.heaptimeline.gz');

describe('the heap analyses', () => {
  it('are listed once each, under the ids the renderer tells heap findings by', () => {
    const ids = HEAP_ANALYSES.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...HEAP_ANALYSIS_IDS].sort());
  });

  it('on snapshots of two processes: only those whose needs hold run, and the comparison says why it compares nothing', async () => {
    const inputs = [await loadSample(SAMPLE_NAMES[0]), await loadFile(OTHER_PROCESS)];
    const progress: Progress[] = [];
    const { findings, view } = await analyzeHeapSnapshots(inputs, { signal: new AbortController().signal, onProgress: (p) => progress.push(p) });

    const unrelated = findings.filter((f) => f.analysis === 'heap.comparison');
    expect(unrelated.map((f) => [f.id, f.category])).toEqual([['heap.snapshots-unrelated.0', 'input-quality']]);
    expect(unrelated[0].evidence).toEqual([{ label: 'snapshots', value: 2, unit: 'count' }]);
    expect(view.comparison).toBeUndefined();
    expect(view.leaks).toBeUndefined();
    // Matching classes across processes would be wrong: nothing is seen to grow, so no cycle is searched.
    expect(view.cycles).toBeUndefined();
    expect(findings.filter((f) => f.analysis === 'heap.cycles')).toEqual([]);
    expect(view.allocationSites?.map((s) => s.file)).toEqual(['sessions.heaptimeline.gz']);

    // Leak detection, trends and cycles need snapshots of one process: they are skipped, and the progress weighs what runs.
    const due = HEAP_ANALYSES.filter((a) => a.id !== 'heap.leaks' && a.id !== 'heap.trends' && a.id !== 'heap.cycles');
    expect(progress.map((p) => p.phase)).toEqual(due.map((a) => a.phase));
    const total = due.reduce((sum, a) => sum + a.weight, 0);
    expect(progress.every((p) => p.total === total)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual(due.map((_, i) => due.slice(0, i).reduce((sum, a) => sum + a.weight, 0)));
  });
});
