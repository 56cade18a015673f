import { describe, expect, it } from 'vitest';
import { flameGraph, flameNodes, flameWeight, stackEndsThrough, type FlameNode } from '../../core/flameGraph';
import { runCase } from '../../pipeline/runCase';
import { compileFoldingRules } from '../frameFolding';
import { leakFlameTree } from '../leakFlame';
import { fixture, loadReport } from './fixtures';

const ctx = { onProgress: () => {}, signal: new AbortController().signal };
const classifier = compileFoldingRules();

/** Every node's total is its own stacks' value plus its children's: nothing lost or counted twice. */
function expectConserved(root: FlameNode) {
  for (const { node } of flameNodes(root)) expect(node.self + node.children.reduce((s, c) => s + c.total, 0), node.name).toBe(node.total);
}

/** The baseline side has no `self` of its own: its children hold at most their parent's bytes. */
function expectBeforeConserved(root: FlameNode) {
  for (const { node } of flameNodes(root)) expect(node.children.reduce((s, c) => s + (c.before ?? 0), 0), node.name).toBeLessThanOrEqual(node.before ?? 0);
}

/** The node reached from the root by these names, outermost first. */
const at = (root: FlameNode, path: readonly string[]): FlameNode | undefined =>
  path.reduce<FlameNode | undefined>((n, name) => n?.children.find((c) => c.name === name), root);

describe('leaked bytes by allocation stack', () => {
  it.each(['lsan_leaky.txt', 'valgrind_leaky.xml', 'heaptrack_leaky.txt', 'events_leaky.jsonl', 'inventory_heap.pb.gz', 'sessions_leaky.heapprofile.gz'])(
    '%s: the root holds every byte the report lists, each stack once',
    async (name) => {
      const result = await runCase([fixture(name)], ctx);
      const [report] = result.views.alloc?.reports ?? [];
      const flame = report.flame;
      if (!flame) throw new Error(`no flame graph for ${name}`);
      expect(flame.unit).toBe('bytes');
      expect(flame.root.total).toBe(report.totals.bytes);
      expectConserved(flame.root);
      // Siblings are distinct frames, biggest first.
      for (const { node } of flameNodes(flame.root)) {
        expect(new Set(node.children.map((c) => c.name)).size).toBe(node.children.length);
        expect(node.children.map(flameWeight)).toEqual(node.children.map(flameWeight).sort((a, b) => b - a));
      }
    },
  );

  it('LSan: equals the SUMMARY line, and each site\'s stack is a path from the root down to the allocator', async () => {
    const { report } = await loadReport('lsan_leaky.txt');
    const result = await runCase([fixture('lsan_leaky.txt')], ctx);
    const view = result.views.alloc!.reports[0];
    const root = view.flame!.root;
    expect(root.total).toBe(report.toolTotals.leakedBytes);
    for (const site of view.sites) {
      const node = at(root, site.stack.map((f) => f.label).reverse());
      expect(node, site.key).toBeDefined();
      // The innermost frame is the allocator, a library frame; the site's user frame is not folded.
      expect(node?.folded).toBe(true);
      expect(node?.self).toBeGreaterThan(0);
      const user = at(root, site.stack.slice(site.userFrameIndex).map((f) => f.label).reverse());
      expect(user?.folded, site.key).toBeUndefined();
      // A click on the site's user frame keeps the site: its stacks end under it.
      expect(stackEndsThrough(root, site.stack[site.userFrameIndex].label).has(site.stack[0].label)).toBe(true);
    }
  });

  it('a heaptrack -d diff has no flame graph (its negative differences have no width)', async () => {
    const result = await runCase([fixture('heaptrack_diff.txt')], ctx);
    expect(result.views.alloc?.reports[0].isDiff).toBe(true);
    expect(result.views.alloc?.reports[0].flame).toBeUndefined();
  });

  it('pruning merges the small frames of each parent into one node and keeps every byte', async () => {
    const { report } = await loadReport('events_leaky.jsonl');
    const tree = leakFlameTree(report, classifier)!;
    const full = [...flameNodes(tree)].length;
    const pruned = flameGraph('bytes', tree, 0.05);
    const kept = [...flameNodes(pruned.root)];
    expect(kept.length).toBeLessThan(full);
    expect(pruned.root.total).toBe(tree.total);
    expectConserved(pruned.root);
    const merged = kept.filter(({ node }) => node.pruned !== undefined);
    expect(merged.length).toBeGreaterThan(0);
    for (const { node } of kept) {
      if (node === pruned.root) continue;
      // What is left is big enough to read, or the merge of what was not.
      if (node.pruned === undefined) expect(node.total).toBeGreaterThanOrEqual(pruned.prunedBelow);
      else expect(node.children).toEqual([]);
    }
  });
});

describe('leaked bytes before and after the fix', () => {
  it('LSan leaky → fixed: both sides\' bytes at every frame, and each site comparison\'s bytes at its user frame', async () => {
    const result = await runCase([fixture('lsan_leaky.txt'), fixture('lsan_fixed.txt')], ctx);
    const view = result.views.alloc!;
    const [comparison] = view.comparisons;
    const diff = comparison.flame!;
    expect(diff.diff).toEqual({ before: 'lsan_leaky.txt', after: 'lsan_fixed.txt' });
    expect(diff.root.before).toBe(comparison.beforeBytes);
    expect(diff.root.total).toBe(comparison.afterBytes);
    expectConserved(diff.root);
    expectBeforeConserved(diff.root);
    // Each side's own graph, read at the same paths, says the same.
    const [leaky, fixed] = view.reports.map((r) => r.flame!.root);
    for (const { node, path } of flameNodes(diff.root)) {
      if (node.pruned !== undefined || path.length === 0) continue;
      const names = [...path.slice(1), node].map((n) => n.name);
      expect(at(leaky, names)?.total ?? 0, names.join(' > ')).toBe(node.before);
      expect(at(fixed, names)?.total ?? 0, names.join(' > ')).toBe(node.total);
    }
    // The site table and the graph agree: a site's bytes are the bytes of the stacks through its frame.
    for (const site of comparison.sites) {
      const nodes = [...flameNodes(diff.root)].filter(({ node }) => node.name === site.key).map(({ node }) => node);
      expect(nodes.length, site.key).toBeGreaterThan(0);
      expect(nodes.reduce((s, n) => s + (n.before ?? 0), 0), site.key).toBe(site.beforeBytes);
      expect(nodes.reduce((s, n) => s + n.total, 0), site.key).toBe(site.afterBytes);
    }
    expect(comparison.sites.some((s) => s.change === 'disappeared')).toBe(true);
  });
});
