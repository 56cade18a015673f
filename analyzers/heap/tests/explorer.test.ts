import { beforeAll, describe, expect, it } from 'vitest';
import { HeapExplorer } from '../explorer/heapExplorer';
import { SortedLists } from '../explorer/sortedLists';
import { FIRST_PAGE_ROWS, type HeapAnswer, type HeapQuery } from '../viewExplorer';
import type { HeapModel } from '../heapModel';
import type { HeapSnapshot } from '../heapSnapshot';
import { dominatorTreeOf } from '../dominatorTree';
import { compareSnapshots } from '../snapshotComparison';
import { loadSample, SAMPLE_NAMES } from './fixtures';
import type { LoadedInput } from '../../ingest/capability';

let inputs: LoadedInput<HeapSnapshot>[];
let explorer: HeapExplorer;
const LAST = 2;

async function ask<K extends HeapAnswer['kind']>(query: HeapQuery, kind: K): Promise<HeapAnswer & { kind: K }> {
  const answer = await explorer.answer(query);
  if (answer.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(answer).slice(0, 300)}`);
  return answer as HeapAnswer & { kind: K };
}

beforeAll(async () => {
  // Given newest first: the explorer orders them as the heap view does, oldest first.
  inputs = await Promise.all([...SAMPLE_NAMES].reverse().map((n) => loadSample(n)));
  explorer = new HeapExplorer(inputs);
});

const modelOf = (file: string) => inputs.map((i) => i.artifact.model).find((m) => m?.graph.file === file) as HeapModel;

describe('heap explorer queries over the loaded sample snapshots', () => {
  it('lists the classes of any snapshot, filtered by name, with percentages and distances', async () => {
    const all = (await ask({ kind: 'classes', snapshot: LAST }, 'classes'));
    expect(all.file).toBe('game-3-final.heapsnapshot.gz');
    const summary = modelOf(all.file).summary;
    expect(all.classes.map((c) => c.name)).toEqual(summary.constructors.map((c) => c.name));
    const players = (await ask({ kind: 'classes', snapshot: LAST, filter: 'player' }, 'classes'));
    expect(players.classes.length).toBeGreaterThan(0);
    expect(players.classes.every((c) => c.name.toLowerCase().includes('player'))).toBe(true);
    const player = players.classes.find((c) => c.name === 'Player');
    expect(player?.count).toBe(summary.constructors.find((c) => c.name === 'Player')?.count);
    expect(player?.retainedPercent).toBeCloseTo((100 * (player?.retainedBytes ?? 0)) / summary.totalBytes, 6);
    expect(player?.distance).toBeGreaterThan(0);
    expect((await ask({ kind: 'classes', snapshot: 0 }, 'classes')).file).toBe('game-1-baseline.heapsnapshot.gz');
  });

  it('pages every object of a class, largest retained first', async () => {
    const first = (await ask({ kind: 'instances', snapshot: LAST, className: 'Player', offset: 0, limit: 50 }, 'instances')).page;
    const count = (await ask({ kind: 'classes', snapshot: LAST, filter: 'Player' }, 'classes')).classes.find((c) => c.name === 'Player')?.count;
    expect(first.total).toBe(count);
    expect(first.rows).toHaveLength(Math.min(50, first.total));
    const sizes = first.rows.map((r) => r.retainedBytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const last = (await ask({ kind: 'instances', snapshot: LAST, className: 'Player', offset: first.total - 3, limit: 50 }, 'instances')).page;
    expect(last.rows).toHaveLength(3);
    expect(last.rows[0].retainedBytes).toBeLessThanOrEqual(sizes[sizes.length - 1]);
    expect(new Set([...first.rows, ...last.rows].map((r) => r.id)).size).toBe(first.rows.length + last.rows.length);
  });

  it('finds an object by @id: its class alone, the object, and the path that retains it', async () => {
    const top = (await ask({ kind: 'instances', snapshot: LAST, className: 'Player', offset: 0, limit: 1 }, 'instances')).page.rows[0];
    const byId = (await ask({ kind: 'classes', snapshot: LAST, filter: `@${top.id}` }, 'classes'));
    expect(byId.classes.map((c) => c.name)).toEqual(['Player']);
    expect(byId.match?.object.id).toBe(top.id);
    const found = (await ask({ kind: 'object', id: top.id }, 'object'));
    expect(found.snapshot).toBe(LAST);
    expect(found.reachable).toBe(true);
    expect(found.path.at(-1)?.object.id).toBe(top.id);
    expect(found.path).toHaveLength(top.distance ?? -1);
    expect(found.path.every((e) => e.retains)).toBe(true);
    // The object comes with the first page of its retainers and of its references, as asked for alone.
    expect(found.retainers).toEqual((await ask({ kind: 'retainers', snapshot: LAST, id: top.id, offset: 0, limit: FIRST_PAGE_ROWS }, 'retainers')).page);
    expect(found.references).toEqual((await ask({ kind: 'references', snapshot: LAST, id: top.id, offset: 0, limit: FIRST_PAGE_ROWS }, 'references')).page);
    expect(found.retainers.total).toBe(top.retainerCount);
    // The `@id` filter's match is that same answer: one round trip finds the object and draws it.
    const { kind: _object, ...answered } = found;
    expect(byId.match).toEqual(answered);
    expect((await ask({ kind: 'classes', snapshot: LAST, filter: '@4294967295' }, 'classes')).classes).toEqual([]);
    expect(await explorer.answer({ kind: 'object', id: 4294967295 })).toEqual({ kind: 'error', message: 'No object @4294967295 in any snapshot of this case.' });
  });

  it('expands references and retainers; retainers that do not keep the object alive come last, marked', async () => {
    const top = (await ask({ kind: 'instances', snapshot: LAST, className: 'Player', offset: 0, limit: 1 }, 'instances')).page.rows[0];
    const refs = (await ask({ kind: 'references', snapshot: LAST, id: top.id, offset: 0, limit: 500 }, 'references')).page;
    expect(refs.total).toBe(top.referenceCount);
    expect(refs.rows.length).toBe(Math.min(500, refs.total));
    const m = modelOf('game-3-final.heapsnapshot.gz');
    // A node with a weak retainer and a strong one (and one page of them): its retainers list the strong first.
    let node = -1;
    const { firstRetainer, retainerNode } = m.retainers;
    for (let v = 0; v < m.graph.nodeCount && node < 0; v++) {
      if (firstRetainer[v + 1] - firstRetainer[v] > 500) continue;
      let weak = false;
      let strong = false;
      for (let s = firstRetainer[v]; s < firstRetainer[v + 1]; s++) {
        if (retainerNode[s] < 0) weak = true;
        else strong = true;
      }
      if (weak && strong) node = v;
    }
    expect(node).toBeGreaterThanOrEqual(0);
    const rets = (await ask({ kind: 'retainers', snapshot: LAST, id: m.graph.nodeId[node], offset: 0, limit: 500 }, 'retainers')).page;
    const flags = rets.rows.map((r) => r.retains);
    expect(flags).toContain(false);
    expect(flags.indexOf(false)).toBeGreaterThan(flags.lastIndexOf(true));
    expect(rets.rows.filter((r) => !r.retains).every((r) => r.edgeType === 'weak' || r.edgeType === 'shortcut')).toBe(true);
  });

  it('walks the dominator tree from the root: children largest first, their sizes within the parent', async () => {
    const root = (await ask({ kind: 'dominated', snapshot: LAST, offset: 0, limit: 500 }, 'dominated'));
    expect(root.parent.label).toBe('(root)');
    expect(root.page.total).toBe(root.parent.dominatedCount);
    const sizes = root.page.rows.map((r) => r.retainedBytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const all = (await ask({ kind: 'dominated', snapshot: LAST, offset: 0, limit: 500 }, 'dominated')).page;
    expect(all.rows.reduce((n, r) => n + r.retainedBytes, 0)).toBeLessThanOrEqual(root.parent.retainedBytes);
    const child = root.page.rows[0];
    const grand = (await ask({ kind: 'dominated', snapshot: LAST, id: child.id, offset: 0, limit: 10 }, 'dominated'));
    expect(grand.parent.id).toBe(child.id);
  });

  it('pages a long list in the order of one sort of it, and again the same from the kept order', async () => {
    const m = modelOf('game-3-final.heapsnapshot.gz');
    const { first, children } = dominatorTreeOf(m.dominators.idom, m.graph.rootIndex);
    const { firstRetainer } = m.retainers;
    const most = (count: (v: number) => number) => {
      let best = 0;
      for (let v = 1; v < m.graph.nodeCount; v++) if (count(v) > count(best)) best = v;
      return best;
    };
    const parent = most((v) => first[v + 1] - first[v]);
    const retained = most((v) => firstRetainer[v + 1] - firstRetainer[v]);
    // Long enough to be kept between pages (sortedLists.ts), paged 97 at a time so pages straddle nothing in particular.
    expect(first[parent + 1] - first[parent]).toBeGreaterThan(1024);
    expect(firstRetainer[retained + 1] - firstRetainer[retained]).toBeGreaterThan(1024);
    const pageAll = async (query: (offset: number) => HeapQuery, kind: 'dominated' | 'retainers') => {
      const ids: number[] = [];
      for (let offset = 0; ; offset += 97) {
        const answer = await explorer.answer(query(offset));
        if (answer.kind !== kind) throw new Error(`expected ${kind}`);
        const rows = answer.page.rows.map((r) => ('object' in r ? r.object.id : r.id));
        ids.push(...rows);
        if (offset + 97 >= answer.page.total) return { ids, total: answer.page.total };
      }
    };
    const size = m.dominators.retainedSize;
    const oneSort = Array.from(children.slice(first[parent], first[parent + 1])).sort((a, b) => size[b] - size[a] || a - b);
    const dominatedQuery = (offset: number): HeapQuery => ({ kind: 'dominated', snapshot: LAST, id: m.graph.nodeId[parent], offset, limit: 97 });
    const paged = (await pageAll(dominatedQuery, 'dominated'));
    expect(paged.ids).toEqual(oneSort.map((v) => m.graph.nodeId[v]));
    expect((await pageAll(dominatedQuery, 'dominated')).ids).toEqual(paged.ids);

    // Retainers: those that keep it alive first, nearest the roots first, weak ones last; the same order on a second walk.
    const retainersQuery = (offset: number): HeapQuery => ({ kind: 'retainers', snapshot: LAST, id: m.graph.nodeId[retained], offset, limit: 97 });
    const byRetainers = (await pageAll(retainersQuery, 'retainers'));
    expect(byRetainers.ids.length).toBe(byRetainers.total);
    expect((await pageAll(retainersQuery, 'retainers')).ids).toEqual(byRetainers.ids);
    const whole = (await ask({ kind: 'retainers', snapshot: LAST, id: m.graph.nodeId[retained], offset: 0, limit: 500 }, 'retainers')).page.rows;
    expect(whole.map((r) => r.object.id)).toEqual(byRetainers.ids.slice(0, whole.length));
    const rank = whole.map((r) => [r.retains ? 0 : 1, r.object.distance ?? Infinity]);
    expect(rank).toEqual([...rank].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('compares any two snapshots by class, objects added and removed matched by id', async () => {
    const diff = (await ask({ kind: 'compare', before: 0, after: LAST }, 'compare'));
    const expected = compareSnapshots(modelOf('game-1-baseline.heapsnapshot.gz'), modelOf('game-3-final.heapsnapshot.gz'));
    expect(diff.classes.map((c) => [c.name, c.added, c.removed, c.sizeDelta])).toEqual(expected.classes.map((c) => [c.name, c.newCount, c.deletedCount, c.bytesDelta]));
    const player = diff.classes.find((c) => c.name === 'Player');
    expect(player?.added).toBeGreaterThan(0);
    const newPlayers = (await ask({ kind: 'instances', snapshot: LAST, className: 'Player', offset: 0, limit: 500, newSince: 0 }, 'instances')).page;
    expect(newPlayers.total).toBe(player?.added);
    const backwards = (await ask({ kind: 'compare', before: LAST, after: 1, filter: 'Player' }, 'compare'));
    expect(backwards.classes.every((c) => c.name.toLowerCase().includes('player'))).toBe(true);
  });

  it('answers a question about a snapshot or object the case does not have with an error, not a throw', async () => {
    expect(await explorer.answer({ kind: 'classes', snapshot: 7 })).toEqual({ kind: 'error', message: 'This case has 3 heap snapshots; there is no snapshot 8.' });
    expect(await explorer.answer({ kind: 'references', snapshot: 0, id: 4294967295, offset: 0, limit: 10 })).toEqual({ kind: 'error', message: 'No object @4294967295 in game-1-baseline.heapsnapshot.gz.' });
  });
});

describe('the sorted orders the explorer keeps between pages', () => {
  it('keeps long lists up to its bound, drops the least recently paged first, and never keeps short ones', async () => {
    const lists = new SortedLists(5000);
    let sorts = 0;
    const list = (length: number) => () => (sorts++, new Uint32Array(length));
    lists.get('a', list(2000));
    lists.get('b', list(2000));
    lists.get('a', list(2000));
    expect(sorts).toBe(2);
    // 'b' is the least recently paged: it makes room for 'c'.
    lists.get('c', list(2000));
    expect(lists.size).toEqual({ lists: 2, entries: 4000 });
    lists.get('a', list(2000));
    lists.get('b', list(2000));
    expect(sorts).toBe(4);
    lists.get('short', list(10));
    lists.get('short', list(10));
    lists.get('huge', list(6000));
    expect(sorts).toBe(7);
    expect(lists.size.entries).toBeLessThanOrEqual(5000);
  });
});
