import { describe, expect, it } from 'vitest';
import type { Siblings } from '../../ingest/capability';
import { openFileSource } from '../../ingest/fileSource';
import { runCase } from '../../pipeline/runCase';
import { bytes } from '../../core/units';
import { heapSnapshotFormat, type HeapSnapshot } from '../index';
import { loadHeapModel } from '../loadHeapModel';
import { SnapshotSetLoads } from '../setLoads';
import { lastAssignedId } from '../lastAssignedId';
import { loadSample, quietContext, samplePath, SAMPLE_NAMES } from './fixtures';

/** Stand-ins for loaded snapshots: the set only hands them to `index`. */
const snapshot = (name: string) => ({ name }) as unknown as HeapSnapshot;

function setOf(count: number) {
  const indexed: HeapSnapshot[] = [];
  const set = SnapshotSetLoads.of({ count: count - 1, readAtOnce: 2 }, (s) => indexed.push(s));
  return { set, indexed };
}

describe('the loads of a set tell each other their place (SnapshotSetLoads)', () => {
  it('indexes the snapshot with the highest last assigned id once every load has told its own and it is loaded', () => {
    const { set, indexed } = setOf(3);
    const [a, b, c] = ['a.heapsnapshot', 'b.heapsnapshot', 'c.heapsnapshot'].map((n) => set.join(n));
    const last = snapshot('b');
    b.placed(900);
    b.loaded(last);
    a.placed(100);
    expect(indexed).toEqual([]);
    c.placed(500);
    expect(indexed).toEqual([last]);
    a.loaded(snapshot('a'));
    c.loaded(snapshot('c'));
    expect(indexed).toEqual([last]);
  });

  it('tells a load its snapshot is not the last as soon as another has read a later id, once', () => {
    const { set } = setOf(3);
    const [a, b, c] = ['a.heapsnapshot', 'b.heapsnapshot', 'c.heapsnapshot'].map((n) => set.join(n));
    const told: string[] = [];
    a.whenNotLast(() => told.push('a'));
    b.whenNotLast(() => told.push('b'));
    a.placed(500);
    expect(told).toEqual([]);
    b.placed(900);
    expect(told).toEqual(['a']);
    // Asked after its place is known and beaten: told at once. The latest is never told.
    c.placed(100);
    c.whenNotLast(() => told.push('c'));
    expect(told).toEqual(['a', 'c']);
    b.loaded(snapshot('b'));
    expect(told).toEqual(['a', 'c']);
  });

  it('waits for the last one to load when its place is known first', () => {
    const { set, indexed } = setOf(2);
    const [a, b] = ['a.heapsnapshot', 'b.heapsnapshot'].map((n) => set.join(n));
    a.placed(1);
    b.placed(2);
    a.loaded(snapshot('a'));
    expect(indexed).toEqual([]);
    const last = snapshot('b');
    b.loaded(last);
    expect(indexed).toEqual([last]);
  });

  it("orders Node's numbered file names of one process by their number, as orderSnapshots does", () => {
    const { set, indexed } = setOf(2);
    const first = set.join('Heap.20260314.160000.4242.0.001.heapsnapshot');
    const second = set.join('Heap.20260314.180000.4242.0.002.heapsnapshot');
    // The second's highest id is lower (a server idling on a timer): its number still makes it the last.
    first.placed(2000);
    second.placed(1000);
    const last = snapshot('second');
    second.loaded(last);
    first.loaded(snapshot('first'));
    expect(indexed).toEqual([last]);
  });

  it('leaves the indexing to the analysis when the order cannot be known early: a tie, a load that never told its place', () => {
    const tie = setOf(2);
    const [a, b] = ['a.heapsnapshot', 'b.heapsnapshot'].map((n) => tie.set.join(n));
    a.placed(7);
    b.placed(7);
    a.loaded(snapshot('a'));
    b.loaded(snapshot('b'));
    expect(tie.indexed).toEqual([]);

    const failed = setOf(3);
    const [x, y] = ['x.heapsnapshot', 'y.heapsnapshot'].map((n) => failed.set.join(n));
    failed.set.join('cut.heapsnapshot');
    x.placed(1);
    y.placed(2);
    x.loaded(snapshot('x'));
    y.loaded(snapshot('y'));
    expect(failed.indexed).toEqual([]);
  });

  it('is one set per case: loads given another `Siblings` object are another set', () => {
    const siblings: Siblings = { count: 1, readAtOnce: 2 };
    const indexed: HeapSnapshot[] = [];
    const one = SnapshotSetLoads.of(siblings, (s) => indexed.push(s));
    expect(SnapshotSetLoads.of(siblings, () => {})).toBe(one);
    expect(SnapshotSetLoads.of({ ...siblings }, () => {})).not.toBe(one);
  });
});

describe('a set read two at a time', () => {
  it('tells the last assigned id of each snapshot as its nodes are read, the id the order reads', async () => {
    for (const name of SAMPLE_NAMES) {
      let told: number | undefined;
      const built = await loadHeapModel(await openFileSource(samplePath(name)), quietContext(), undefined, { onLastAssignedId: (id) => (told = id) });
      expect(told).toBe(lastAssignedId(built.model.graph));
      expect(told).toBeGreaterThan(0);
    }
  });

  it('indexes the last snapshot while loading, the earlier ones not, as soon as every load has read its ids', async () => {
    const siblings: Siblings = { count: 2, readAtOnce: 2 };
    // Given newest first, as a user may drop them.
    const loads = await Promise.all([...SAMPLE_NAMES].reverse().map(async (name) => heapSnapshotFormat.load(await openFileSource(samplePath(name)), { ...quietContext(), siblings })));
    const [last, ...earlier] = loads.map((l) => l.artifact);
    for (let i = 0; i < 200 && !last.model; i++) await new Promise((r) => setTimeout(r, 25));
    expect(last.model).toBeDefined();
    expect(earlier.map((s) => s.model)).toEqual([undefined, undefined]);
    const alone = await loadSample(SAMPLE_NAMES[2]);
    expect(last.model!.dominators.retainedSize).toEqual(alone.artifact.model!.dominators.retainedSize);
  });

  it('tells the phases of an indexing already under way to whoever waits for it next', async () => {
    const loaded = await heapSnapshotFormat.load(await openFileSource(samplePath(SAMPLE_NAMES[2])), { ...quietContext(), siblings: { count: 1, readAtOnce: 1 } });
    const begun = loaded.artifact.index();
    const phases: string[] = [];
    const waited = loaded.artifact.index({ onProgress: (p) => phases.push(p.phase) });
    expect(await waited).toBe(await begun);
    expect(phases).toContain('distances');
  });

  it('reports what the set read one at a time reports', async () => {
    const paths = SAMPLE_NAMES.map(samplePath);
    const run = (cores: number) => runCase(paths, { onProgress: () => {}, signal: new AbortController().signal, machine: { cores, freeBytes: bytes(2 ** 34) } });
    const [twoAtOnce, oneAtATime] = await Promise.all([run(2), run(1)]);
    expect(twoAtOnce.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(twoAtOnce.findings)).toBe(JSON.stringify(oneAtATime.findings));
    expect(JSON.stringify(twoAtOnce.views)).toBe(JSON.stringify(oneAtATime.views));
  });
});
