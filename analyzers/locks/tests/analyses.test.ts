import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { compileLockFolding, DEFAULT_LOCK_FOLDING } from '../folding';
import { hotPathTree } from '../hotPaths';
import { summarize } from '../summary';
import { threadImbalance } from '../threadImbalance';
import { fixturePath, loadScript, quietContext } from './fixtures';

describe('the locks pipeline on the real before/after captures', () => {
  it('detects both perf script captures, ranks the three operations, and shows the sharded fix removed the contention', async () => {
    const result = await runCase([fixturePath('perf_script_coarse.txt.gz'), fixturePath('perf_script_sharded.txt.gz')], quietContext());
    expect(result.failures).toEqual([]);
    expect(result.inputs.map((i) => i.formatId)).toEqual(['perf-script-locks', 'perf-script-locks']);
    const view = result.views.locks;
    if (!view) throw new Error('no locks view');
    expect(view.inputs[0].hotPaths.slice(0, 3).map((n) => n.label).sort()).toEqual(['addItem', 'removeItem', 'transferItem']);

    const [comparison] = view.comparisons;
    expect(comparison).toMatchObject({ before: 'perf_script_coarse.txt.gz', after: 'perf_script_sharded.txt.gz' });
    expect(comparison.ratio).toBeLessThan(1);
    expect(comparison.afterContendedPerSecond as number).toBeLessThan(comparison.beforeContendedPerSecond as number);
    expect(comparison.afterTopLockShare as number).toBeLessThan(comparison.beforeTopLockShare as number);
    for (const fn of ['transferItem', 'addItem', 'removeItem']) {
      const d = comparison.callers.find((c) => c.label === fn);
      expect(d?.afterCount).toBeLessThan(d?.beforeCount as number);
    }
    const finding = result.findings.find((f) => f.analysis === 'locks.comparison');
    expect(finding?.title).toMatch(/^Contention fell/);

    const shard = result.findings.filter((f) => f.analysis === 'locks.shard-by-key');
    expect(shard.map((f) => f.sources[0])).toEqual(['perf_script_coarse.txt.gz']);
    for (const f of result.findings) expect(f.category).toBe('lock-contention');
  });

  it('explains that perf lock alone sees kernel locks only', async () => {
    const result = await runCase([fixturePath('perf_lock_contention_v_sharded.txt')], quietContext());
    const hot = result.findings.find((f) => f.analysis === 'locks.hot-paths');
    expect(hot?.detail).toMatch(/perf lock sees kernel locks only/);
  });

  it('folding is configurable: without folding std:: and libc frames, the hot path starts inside the lock machinery', async () => {
    const input = await loadScript('perf_script_coarse.txt.gz');
    const unfolded = compileLockFolding({ ...DEFAULT_LOCK_FOLDING, functionPatterns: [], modulePatterns: [] });
    const tree = hotPathTree(summarize(input, unfolded).paths);
    expect(['transferItem', 'addItem', 'removeItem']).not.toContain(tree[0].label);
  });

  it('thread imbalance: every worker of the coarse run waits about the same', async () => {
    const summary = summarize(await loadScript('perf_script_coarse.txt.gz'), compileLockFolding());
    const imbalance = threadImbalance(summary.threads.filter((t) => t.totalNs > 1e6));
    expect(imbalance?.maxToMedian).toBeLessThan(3);
  });
});
