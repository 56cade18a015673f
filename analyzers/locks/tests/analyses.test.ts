import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../core/numberFormat';
import { formatEvidence } from '../../report/reportFormat';
import { runCase } from '../../pipeline/runCase';
import { sharePercent } from '../diagnoses/contract';
import { stormFinding } from '../contentionFindings';
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
    // The coarse capture's waits run into the thousands: grouped as every output groups a count.
    expect(comparison.beforeContended).toBeGreaterThanOrEqual(1000);
    expect(finding?.detail).toContain(`; contended acquisitions ${groupDigits(comparison.beforeContended)} → ${groupDigits(comparison.afterContended)}`);

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

  it('a wake-up storm in thousands of syscalls is told in grouped counts', async () => {
    const summary = summarize(await loadScript('perf_script_coarse.txt.gz'), compileLockFolding());
    const storm = { address: '0x7f3a', waits: 14_876, wakeCalls: 14_876, woken: 9_000, waitingThreads: 8, syscallsPerSecond: 29_752.4, futileWakeShare: 0.4 };
    const finding = stormFinding(summary, [storm], 0);
    expect(finding?.title).toBe('Wake-up storm on futex 0x7f3a: 29,752 wait/wake syscalls per second from 8 threads');
    expect(finding?.detail).toMatch(/^14,876 FUTEX_WAIT and 14,876 FUTEX_WAKE calls on one address; 40\.0 % of the wake calls/);
  });
});

describe('the share of a lock finding\'s evidence', () => {
  it('is stored unrounded, so a caller\'s sliver of the wait reads <0.1 %, not 0.0 %', () => {
    expect(sharePercent(0.4512)).toBeCloseTo(45.12, 10);
    expect(formatEvidence({ label: 'x() share of lock wait', value: sharePercent(0.0003), unit: '%' })).toBe('<0.1 %');
    expect(formatEvidence({ label: 'x() share of lock wait', value: sharePercent(0.4512), unit: '%' })).toBe('45.1 %');
  });
});
