import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedInput } from '../../ingest/capability';
import type { ParsedSnapshot } from '../heapModel';
import type { HeapSnapshot } from '../heapSnapshot';
import { analyzeHeapSnapshots } from '../index';
import { detectCycles } from '../cycleDetection';
import { cycleScope } from '../cycleScope';
import { CancelTicks } from '../../core/cancelPoint';
import { CancelledError } from '../../core/inputError';
import { formatBytes } from '../../core/byteFormat';
import { groupDigits, plural } from '../../core/numberFormat';
import { join } from 'node:path';
import { loadFile, loadSample, quietContext, SAMPLE_NAMES, sampleScale } from './fixtures';

/**
 * The game server (samples/heap/game_server.mjs) leaks every player that leaves: removePlayer()
 * forgets the guild member list and the tick listener. Residents stay online; an item catalog,
 * a ring of recent matches and per-tick vectors are steady and must not be reported.
 */
const { sessionsPerPhase: S, residents: R } = sampleScale();
const STEADY = ['Item', 'MatchRecord', 'Vector'];

let inputs: LoadedInput<HeapSnapshot>[];
beforeAll(async () => {
  inputs = await Promise.all(SAMPLE_NAMES.map(loadSample));
});

const analyze = (files: LoadedInput<HeapSnapshot>[]) => analyzeHeapSnapshots(files, quietContext());

describe('three-snapshot leak detection on the game-server sample', () => {
  it('orders the snapshots by their own ids, whatever order they are given in', async () => {
    const { view } = await analyze([inputs[2], inputs[0], inputs[1]]);
    expect(view.leaks?.method).toBe('three-snapshot');
    expect(view.leaks?.snapshots).toEqual([...SAMPLE_NAMES]);
  });

  it("orders by objects' ids, not by the hashed ids of native nodes (the fixed build's first snapshot has the higher native id)", async () => {
    const fixed = ['game-fixed-1-baseline.heapsnapshot.gz', 'game-fixed-3-final.heapsnapshot.gz'];
    const [first, last] = await Promise.all(fixed.map((name) => loadFile(join(__dirname, '../../../samples/gate/fixtures/baseline', name))));
    const natives = (m: ParsedSnapshot) => Math.max(...Array.from(m.graph.nodeId).filter((_, v) => m.graph.nodeType[v] === m.ids.nodeNative));
    expect(natives(first.artifact.parsed)).toBeGreaterThan(natives(last.artifact.parsed));
    expect((await analyze([last, first])).view.snapshots.map((s) => s.file)).toEqual([first.file, last.file]);
  });

  it('finds the players that left during the target phase, ranked first, with their retainer path', async () => {
    const { view, findings } = await analyze(inputs);
    const top = view.leaks!.clusters[0];
    // Allocated between baseline and target and still alive in the final snapshot: one phase of departed players.
    expect(top.className).toBe('Player');
    expect(top.count).toBe(S);
    expect(top.countPerSnapshot).toEqual([R, R + S, R + 2 * S]);
    expect(top.retainerPath[top.retainerPath.length - 1]).toMatch(/^Player @\d+$/);
    expect(top.retainerPath[top.retainerPath.indexOf('.members') - 1]).toMatch(/^Guild @\d+$/);
    expect(top.constructors).toEqual(expect.arrayContaining([{ name: 'Player', count: S }, { name: '(closure)', count: S }]));
    const finding = findings.find((f) => f.id === 'heap.leak-cluster.0')!;
    expect(finding.title).toMatch(new RegExp(`^${S} Player objects leak .* held by Guild\\.members`));
    expect(['medium', 'high']).toContain(finding.severity);
    expect(finding.paths[0].steps).toEqual(top.retainerPath);
    // The counts grouped and the bytes in binary units, as the title writes them.
    expect(finding.detail).toContain(`with what they hold that is ${plural(top.objectCount, 'object')} and ${formatBytes(top.retainedBytes)}. `);
    expect(finding.detail).toContain(`Player instances per snapshot: ${top.countPerSnapshot.map((n) => groupDigits(n)).join(' → ')}.`);
  });

  it('finds the tick listeners that removePlayer() never removes, held by the event bus', async () => {
    const { view } = await analyze(inputs);
    const listeners = view.leaks!.clusters.find((c) => c.className === '(closure)' && c.signature.includes('EventEmitter._events'));
    expect(listeners?.count).toBe(S);
    expect(listeners?.retainerPath).toContain('._events');
  });

  it('does not flag the steady structures, which are in the heap all along', async () => {
    const { view, findings } = await analyze(inputs);
    const counts = (name: string) => view.snapshots.map((s) => s.constructors.find((c) => c.name === name)?.count ?? 0);
    expect(counts('Item')).toEqual([500, 500, 500]);
    expect(counts('MatchRecord').every((n) => n > 0)).toBe(true);
    for (const name of STEADY) {
      expect(view.leaks!.clusters.map((c) => c.className)).not.toContain(name);
      for (const f of findings) expect(f.title).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('with two snapshots says it only measured growth, and counts both phases', async () => {
    const { view, findings } = await analyze([inputs[0], inputs[2]]);
    expect(view.leaks?.method).toBe('two-snapshot-growth');
    const top = view.leaks!.clusters[0];
    expect(top.className).toBe('Player');
    expect(top.count).toBe(2 * S);
    expect(findings.find((f) => f.id === 'heap.leak-cluster.0')?.detail).toMatch(/growth, not proof/);
  });

  it('compares first and last snapshot per constructor', async () => {
    const { view } = await analyze(inputs);
    const player = view.comparison!.classes.find((c) => c.name === 'Player')!;
    expect(player).toMatchObject({ countBefore: R, countAfter: R + 2 * S, countDelta: 2 * S, newCount: 2 * S, deletedCount: 0 });
    expect(view.comparison!.classes.find((c) => c.name === 'Item')).toBeUndefined();
  });
});

describe('objects of one snapshot present in another, by V8 id', () => {
  it('marks exactly the nodes whose id the other snapshot has, in both directions', () => {
    for (const [a, b] of [[inputs[2], inputs[0]], [inputs[0], inputs[2]], [inputs[2], inputs[1]]]) {
      const m = a.artifact.parsed;
      const present = m.idIndex.presentIn(b.artifact.parsed.idIndex);
      const expected = Uint8Array.from(m.graph.nodeId, (id) => (b.artifact.parsed.idIndex.has(id) ? 1 : 0));
      expect(present).toEqual(expected);
      // Neither all nor none: the leaked players are new, the residents are in both.
      expect(present.includes(0) && present.includes(1)).toBe(true);
    }
  });
});

describe('cycle detection on the game-server sample', () => {
  it('reports the onLevelUp closure capturing its own player, with the path that roots it', async () => {
    const { view, findings } = await analyze(inputs);
    const self = view.cycles!.groups.find((c) => c.kind === 'closure-self-capture' && c.className === 'Player')!;
    expect(self.via).toBe('.onLevelUp → context.this');
    expect(self.instances).toBe(R + 2 * S);
    const player = self.cyclePath[0];
    expect(player).toMatch(/^Player @\d+$/);
    expect(self.cyclePath).toEqual([player, '.onLevelUp', expect.stringMatching(/^\(closure\)/), '(internal) context', expect.stringMatching(/^system \/ Context/), 'context.this', player]);
    // The example is a departed player: only the guild list or the bus listener keeps it.
    expect(self.rootPath[self.rootPath.length - 1]).toBe(player);
    expect(self.rootPath.some((s) => s === '.members' || s === '._events')).toBe(true);
    expect(self.instancesPerSnapshot).toEqual([R, R + S, R + 2 * S]);
    expect(self.grows).toBe(true);
    const finding = findings.find((f) => f.analysis === 'heap.cycles' && f.title.includes('.onLevelUp'))!;
    expect(finding.paths.map((p) => p.steps)).toEqual([self.cyclePath, self.rootPath]);
  });

  it('reports the friends lists as mutual references between players, growing', async () => {
    const { view, findings } = await analyze(inputs);
    const friends = view.cycles!.groups.find((c) => c.kind === 'same-class-mutual' && c.className === 'Player')!;
    expect(friends.via).toBe('.friends');
    const first = friends.cyclePath[0];
    expect(friends.cyclePath[friends.cyclePath.length - 1]).toBe(first);
    expect(friends.cyclePath.filter((s) => s === '.friends').length).toBe(2);
    expect(friends.rootPath[friends.rootPath.length - 1]).toBe(first);
    expect(friends.grows).toBe(true);
    expect(findings.some((f) => f.analysis === 'heap.cycles' && f.title.includes('reference each other through .friends, growing'))).toBe(true);
  });

  it('searches the objects of the classes that grow and what they reference, not the whole graph', async () => {
    const { view } = await analyze(inputs);
    const searched = view.cycles!.searched!;
    expect(searched.classes).toContain('Player');
    for (const name of STEADY) expect(searched.classes).not.toContain(name);
    expect(searched.objects).toBeLessThan(inputs[2].artifact.parsed.graph.nodeCount / 4);
    // The runtime's one-instance cycles (module objects, primordials) are not searched, nor listed.
    expect(view.cycles!.groups.map((c) => `${c.kind} ${c.className}`).sort()).toEqual(['closure-self-capture Player', 'same-class-mutual Player']);
  });

  it('starts from the program classes that grow, not from every array, and finds the components a whole-graph search finds', async () => {
    const { view } = await analyze(inputs);
    const counts = (name: string) => view.snapshots.map((s) => s.constructors.find((c) => c.name === name)?.count ?? 0);
    // Every player's friends and inventory arrays: Array grows as much as Player does, and is no place to start.
    expect(counts('Array')[2] - counts('Array')[0]).toBeGreaterThan(2 * S);
    expect(view.cycles!.searched!.classes).toEqual(['Player']);
    const last = inputs[2].artifact.model!;
    const everything = { holders: [...new Set(last.classes.names)], collections: [] };
    const whole = await detectCycles(last, everything);
    for (const group of view.cycles!.groups) {
      const same = whole.groups.find((c) => c.kind === group.kind && c.className === group.className && c.via === group.via)!;
      expect({ instances: group.instances, largestComponent: group.largestComponent }).toEqual({ instances: same.instances, largestComponent: same.largestComponent });
    }
  });

  it('stops at a cancel that comes while it searches; without one the same search ends with the groups', async () => {
    const last = inputs[2].artifact.model!;
    const scope = cycleScope(inputs.map((i) => i.artifact.parsed.summary));
    const controller = new AbortController();
    // Cancel points at every look at the clock: the first one comes inside the search, before this timer is queued.
    const searching = detectCycles(last, scope, { ticks: new CancelTicks(controller.signal, 0) });
    setTimeout(() => controller.abort(), 0);
    await expect(searching).rejects.toBeInstanceOf(CancelledError);
    const whole = await detectCycles(last, scope, { ticks: new CancelTicks(new AbortController().signal, 0) });
    expect(whole.groups.map((c) => c.via).sort()).toEqual(['.friends', '.onLevelUp → context.this']);
  });

  it('in one snapshot, where nothing can be seen to grow, searches no cycle', async () => {
    const { view, findings } = await analyze([inputs[2]]);
    expect(view.cycles).toBeUndefined();
    expect(findings.filter((f) => f.analysis === 'heap.cycles')).toEqual([]);
    expect(view.snapshots[0].constructors.find((c) => c.name === 'Player')?.count).toBe(R + 2 * S);
  });

  it('does not report the steady structures as cycles', async () => {
    const { view } = await analyze(inputs);
    for (const name of STEADY) expect(view.cycles!.groups.map((c) => c.className)).not.toContain(name);
  });
});
