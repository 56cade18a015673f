import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { filterByFrame } from '../viewFrameFilter';
import { fixturePath, quietContext } from './fixtures';

const inputOf = async (name: string) => {
  const result = await runCase([fixturePath(name)], quietContext());
  expect(result.failures).toEqual([]);
  const input = result.views.locks?.inputs[0];
  if (!input) throw new Error(`no locks input for ${name}`);
  return input;
};

const sum = (rows: readonly { totalNs: number }[]) => rows.reduce((s, r) => s + r.totalNs, 0);

describe('a frame of the wait flame graph filters the threads too', () => {
  it('perf script (inventory server, coarse lock): each thread keeps only its waits through transferItem, which add up to the frame', async () => {
    const input = await inputOf('perf_script_coarse.txt.gz');
    const transfer = input.callers.find((c) => c.label === 'transferItem');
    const { threads } = filterByFrame(input, 'transferItem');
    if (!threads || !transfer) throw new Error('the threads of a perf script capture say where they waited');
    // The worker threads all ran transfers and stay, with less wait than in all; the main thread,
    // which waited once in main, is gone.
    const main = input.threads.find((t) => t.callers.some((c) => c.label === 'main'));
    expect(main).toBeDefined();
    expect(threads.map((t) => t.tid).sort()).toEqual(input.threads.filter((t) => t !== main).map((t) => t.tid).sort());
    expect(sum(threads)).toBe(transfer.totalNs);
    expect(sum(threads)).toBeLessThan(sum(input.threads));
    for (const t of threads) {
      const whole = input.threads.find((w) => w.tid === t.tid);
      expect(t.totalNs).toBeLessThan(whole?.totalNs ?? 0);
      expect(t.callers.map((c) => c.label)).toEqual(['transferItem']);
      expect(t.share).toBeCloseTo(t.totalNs / input.totalNs, 6);
      expect(t.maxNs).toBeUndefined();
    }
    // The outer frame: the threads' waits under it are the icicle's worker frame, no more than each thread's all.
    const worker = filterByFrame(input, 'worker').threads ?? [];
    expect(sum(worker)).toBe(input.flame?.root.children.find((c) => c.name === 'worker')?.total);
    for (const t of worker) expect(t.totalNs).toBeLessThanOrEqual(input.threads.find((w) => w.tid === t.tid)?.totalNs ?? 0);
  });

  it('futexctn: threads are filtered by the stacks each waited in', async () => {
    const input = await inputOf('futexctn/futexctn_coarse.txt');
    expect(input.threads.every((t) => t.paths && t.paths.length > 0)).toBe(true);
    const innermost = input.callers[0].label;
    const { threads } = filterByFrame(input, innermost);
    expect(threads && sum(threads)).toBe(input.callers[0].totalNs);
  });

  it('a capture that does not say where each thread waited (perf lock contention -t) leaves its threads unfiltered', async () => {
    const input = await inputOf('perf_lock_contention_t_coarse.txt');
    expect(input.threads.length).toBeGreaterThan(0);
    expect(filterByFrame(input, 'worker').threads).toBeUndefined();
  });
});
