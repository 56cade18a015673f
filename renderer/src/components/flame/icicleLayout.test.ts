import { beforeAll, describe, expect, it } from 'vitest';
import type { FlameGraph } from '../../../../analyzers/case/saved/flameGraph';
import { quietContext } from '../../../../analyzers/ingest/tests/loadForTest';
import { runCase } from '../../../../analyzers/pipeline/runCase';
import { shortFrameName } from '../../../../analyzers/core/flameGraph';
import { cellKey, icicleLayout, neighbourCell, type IcicleCell } from './icicleLayout';

const LSAN = `${__dirname}/../../../../samples/alloc/fixtures/lsan_leaky.txt`;
const CYCLE_SITE = 'PlayerManager::addPlayer(int, std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> > const&) player_manager.cpp:33';

let graph: FlameGraph;
beforeAll(async () => {
  const result = await runCase([LSAN], quietContext());
  graph = result.views.alloc!.reports[0].flame!;
});

const byKey = (cells: readonly IcicleCell[]) => new Map(cells.map((c) => [c.key, c]));

describe('the icicle layout of the LSan report', () => {
  it('gives each frame its share of its caller\'s width, inside it, one row per stack depth', () => {
    const cells = icicleLayout(graph.root);
    const cellsByKey = byKey(cells);
    expect(cells[0]).toMatchObject({ key: '', depth: 0, x: 0, width: 1 });
    for (const cell of cells.slice(1)) {
      const parent = cellsByKey.get(cell.parentKey ?? '')!;
      expect(cell.depth).toBe(parent.depth + 1);
      expect(cell.x).toBeGreaterThanOrEqual(parent.x - 1e-9);
      expect(cell.x + cell.width).toBeLessThanOrEqual(parent.x + parent.width + 1e-9);
      expect(cell.width / parent.width).toBeCloseTo(cell.node.total / parent.node.total, 9);
    }
    // Deepest row: the longest stack (LSan's make_shared chains) is drawn to its allocator.
    const longest = Math.max(...cells.map((c) => c.depth));
    expect(cells.filter((c) => c.depth === longest).every((c) => c.node.self > 0)).toBe(true);
  });

  it('zoomed on a site: the site spans the width, its callers stay above full width, other branches go', () => {
    const site = icicleLayout(graph.root).find((c) => c.node.name === CYCLE_SITE)!;
    const zoomed = icicleLayout(graph.root, site.path);
    const cell = byKey(zoomed).get(site.key)!;
    expect(cell).toMatchObject({ x: 0, width: 1, depth: site.depth });
    expect(zoomed.filter((c) => c.depth < site.depth).map((c) => c.path)).toEqual(site.path.slice(0, -1).map((_, i) => site.path.slice(0, i)).concat([site.path.slice(0, -1)]));
    for (const c of zoomed) {
      if (c.depth < site.depth) expect(c.width).toBe(1);
      else expect(c.key.startsWith(site.key)).toBe(true);
    }
    // A path that no longer exists (another file's graph) zooms as far as it goes.
    expect(icicleLayout(graph.root, [...site.path.slice(0, 2), 'not a frame']).filter((c) => c.width === 1 && c.depth > 0)).toHaveLength(2);
  });

  it('arrow keys: up to the caller, down to the widest callee, left and right along the row', () => {
    const cells = icicleLayout(graph.root);
    const main = cells.find((c) => c.depth === 2 && c.node.name === 'main player_manager.cpp:112')!;
    expect(neighbourCell(cells, main, 'ArrowUp')?.depth).toBe(1);
    const down = neighbourCell(cells, main, 'ArrowDown')!;
    expect(down.parentKey).toBe(main.key);
    expect(down.node.name).toBe(CYCLE_SITE);
    const right = neighbourCell(cells, main, 'ArrowRight')!;
    expect(right.depth).toBe(2);
    expect(right.x).toBeCloseTo(main.x + main.width, 9);
    expect(neighbourCell(cells, right, 'ArrowLeft')).toBe(main);
    expect(neighbourCell(cells, cells[0], 'ArrowUp')).toBeUndefined();
    expect(cellKey(down.path)).toBe(down.key);
  });
});

describe('frame names as they fit in a frame', () => {
  it('drop template arguments and parameter lists and keep the file\'s base name', () => {
    const names = [...new Set(icicleLayout(graph.root).map((c) => c.node.name))];
    const short = names.map(shortFrameName);
    expect(short).toContain('PlayerManager::addPlayer() player_manager.cpp:33');
    expect(short).toContain('std::shared_ptr std::make_shared() shared_ptr.h:1010');
    expect(short).toContain('operator new() asan_new_delete.cpp:95');
    for (const s of short) expect(s).not.toMatch(/[<>]|\/usr\//);
    // Module offsets and anonymous namespaces are not argument lists.
    expect(shortFrameName('foo (libc.so.6+0x1234)')).toBe('foo (libc.so.6+0x1234)');
    expect(shortFrameName('(anonymous namespace)::transferItem(int) server.cpp:10')).toBe('(anonymous namespace)::transferItem() server.cpp:10');
  });
});
