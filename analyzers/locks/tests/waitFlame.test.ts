import { describe, expect, it } from 'vitest';
import { flameNodes, stackEndsThrough, type FlameNode } from '../../core/flameGraph';
import { runCase } from '../../pipeline/runCase';
import { fixturePath, quietContext } from './fixtures';

const at = (root: FlameNode, path: readonly string[]): FlameNode | undefined =>
  path.reduce<FlameNode | undefined>((n, name) => n?.children.find((c) => c.name === name), root);

describe('lock wait by stack', () => {
  it.each(['perf_script_coarse.txt.gz', 'perf_lock_contention_v_coarse.txt', 'perf_lock_contention_coarse.txt', 'inventory_mutex.pb.gz', 'inventory_block.pb.gz', 'offcputime/offcputime_U_f_coarse.txt'])(
    '%s: the root holds the capture\'s total wait, and the callers table\'s rows are the stacks\' innermost frames',
    async (name) => {
      const result = await runCase([fixturePath(name)], quietContext());
      expect(result.failures).toEqual([]);
      const [input] = result.views.locks?.inputs ?? [];
      const flame = input.flame;
      if (!flame) throw new Error(`no flame graph for ${name}`);
      expect(flame.unit).toBe('ns');
      expect(flame.root.total).toBe(input.totalNs);
      for (const { node } of flameNodes(flame.root)) expect(node.self + node.children.reduce((s, c) => s + c.total, 0), node.name).toBe(node.total);
      // Each caller's wait is the wait of the stacks that end in it.
      const ends = new Map<string, number>();
      for (const { node } of flameNodes(flame.root)) if (node.self > 0 && node.pruned === undefined) ends.set(node.name, (ends.get(node.name) ?? 0) + node.self);
      for (const caller of input.callers.filter((c) => c.totalNs >= flame.prunedBelow)) expect(ends.get(caller.label), caller.label).toBe(caller.totalNs);
    },
  );

  it('perf script: worker → transferItem, and a click on worker keeps the three operations', async () => {
    const result = await runCase([fixturePath('perf_script_coarse.txt.gz')], quietContext());
    const input = result.views.locks!.inputs[0];
    const root = input.flame!.root;
    expect(at(root, ['worker', 'transferItem'])?.total).toBe(input.callers.find((c) => c.label === 'transferItem')?.totalNs);
    expect([...stackEndsThrough(root, 'worker')].sort()).toEqual(['addItem', 'removeItem', 'transferItem']);
    expect([...stackEndsThrough(root, 'transferItem')]).toEqual(['transferItem']);
  });
});

describe('lock wait before and after the sharding fix', () => {
  it('perf script coarse → sharded: both captures\' wait at every frame, and the callers\' deltas at their frames', async () => {
    const result = await runCase([fixturePath('perf_script_coarse.txt.gz'), fixturePath('perf_script_sharded.txt.gz')], quietContext());
    const view = result.views.locks!;
    const [comparison] = view.comparisons;
    const diff = comparison.flame!;
    expect(diff.diff).toEqual({ before: 'perf_script_coarse.txt.gz', after: 'perf_script_sharded.txt.gz' });
    expect(diff.root.before).toBe(comparison.beforeTotalNs);
    expect(diff.root.total).toBe(comparison.afterTotalNs);
    const [coarse, sharded] = view.inputs.map((i) => i.flame!.root);
    for (const { node, path } of flameNodes(diff.root)) {
      if (node.pruned !== undefined || path.length === 0) continue;
      const names = [...path.slice(1), node].map((n) => n.name);
      expect(at(coarse, names)?.total ?? 0, names.join(' > ')).toBe(node.before);
      expect(at(sharded, names)?.total ?? 0, names.join(' > ')).toBe(node.total);
    }
    // The fix: every operation waits less; one that no longer waits keeps its place with nothing after.
    for (const fn of ['transferItem', 'removeItem']) {
      const node = at(diff.root, ['worker', fn]);
      const delta = comparison.callers.find((c) => c.label === fn);
      expect(node?.before, fn).toBe(delta?.beforeNs);
      expect(node && node.total < (node.before ?? 0), fn).toBe(true);
    }
  });
});
