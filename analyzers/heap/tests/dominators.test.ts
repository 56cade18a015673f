import { beforeAll, describe, expect, it } from 'vitest';
import { edgeHasIndexName } from '../heapGraph';
import type { HeapModel } from '../heapModel';
import { dominatorsByRemoval, dominatorsIterative, plainGraph } from './referenceDominators';
import { EDGE_TYPES, modelOf, SAMPLE_NAMES, snapshotText, type HandNode, sampleModel } from './fixtures';

/**
 * A heap with known answers: a diamond (Game → Left/Right → Shared), a shortcut that must not
 * retain, an object reachable only through a weak edge, and garbage that still points into the heap.
 */
const KNOWN: HandNode[] = [
  /* 0 */ { type: 'synthetic', name: '', edges: [{ type: 'element', name: 1, to: 1 }, { type: 'shortcut', name: 'global', to: 2 }] },
  /* 1 */ { type: 'synthetic', name: '(GC roots)', edges: [{ type: 'element', name: 0, to: 2 }] },
  /* 2 */ { type: 'object', name: 'Game', size: 10, edges: [{ type: 'property', name: 'left', to: 3 }, { type: 'property', name: 'right', to: 4 }] },
  /* 3 */ { type: 'object', name: 'Left', size: 20, edges: [{ type: 'property', name: 'shared', to: 5 }, { type: 'shortcut', name: 'x', to: 7 }] },
  /* 4 */ { type: 'object', name: 'Left', size: 30, edges: [{ type: 'property', name: 'shared', to: 5 }] },
  /* 5 */ { type: 'object', name: 'Shared', size: 40, edges: [{ type: 'weak', name: 'cache', to: 6 }, { type: 'property', name: 'inner', to: 7 }] },
  /* 6 */ { type: 'object', name: 'Weakly', size: 50, edges: [{ type: 'property', name: 'held', to: 9 }] },
  /* 7 */ { type: 'object', name: 'Shared', size: 60 },
  /* 8 */ { type: 'object', name: 'Garbage', size: 70, edges: [{ type: 'property', name: 'held', to: 9 }] },
  /* 9 */ { type: 'object', name: 'Held', size: 80 },
];

describe('dominators and retained sizes on a heap with known answers', () => {
  let m: HeapModel;
  beforeAll(async () => {
    m = await modelOf(snapshotText(KNOWN));
  });

  it('a diamond is dominated by its top; shortcuts and weak edges do not retain', () => {
    expect(Array.from(m.dominators.idom)).toEqual([0, 0, 0, 2, 2, 2, 0, 5, 0, 0]);
    expect(Array.from(m.dominators.retainedSize)).toEqual([360, 0, 160, 20, 30, 100, 50, 60, 70, 80]);
  });

  it('objects the root does not reach (weakly held, garbage) hang off the root and are counted', () => {
    expect(m.dominators.unreachableCount).toBe(3);
  });

  it('the summary counts a class retained size once when one instance dominates another', () => {
    const row = (name: string) => m.summary.constructors.find((c) => c.name === name);
    expect(row('Shared')).toEqual({ name: 'Shared', count: 2, shallowBytes: 100, retainedBytes: 100 });
    expect(row('Left')).toEqual({ name: 'Left', count: 2, shallowBytes: 50, retainedBytes: 50 });
    expect(row('Game')).toEqual({ name: 'Game', count: 1, shallowBytes: 10, retainedBytes: 160 });
    expect(m.summary.constructors.some((c) => c.name === '(synthetic)')).toBe(false);
    expect(m.summary.totalBytes).toBe(360);
  });

  it('an object named like the synthetic class is counted; the synthetic nodes are not', async () => {
    const named = await modelOf(
      snapshotText([
        { type: 'synthetic', name: '', edges: [{ type: 'element', name: 1, to: 1 }] },
        { type: 'synthetic', name: '(GC roots)', edges: [{ type: 'element', name: 0, to: 2 }] },
        { type: 'native', name: '(synthetic)', size: 10, edges: [{ type: 'property', name: 'inner', to: 3 }] },
        { type: 'native', name: '(synthetic)', size: 5 },
      ]),
    );
    expect(named.summary.constructors).toEqual([{ name: '(synthetic)', count: 2, shallowBytes: 15, retainedBytes: 15 }]);
  });

  it('agrees with both references', () => {
    expectSameAsReference(m, 'removal');
    expectSameAsReference(m, 'iterative');
  });
});

describe('dominators on random graphs with weak edges, shortcuts and garbage', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('graph with seed %i agrees with the definition', async (seed) => {
    const m = await modelOf(snapshotText(randomGraph(seed, 30 + seed * 7)));
    expectSameAsReference(m, 'removal');
  });
});

describe.each(SAMPLE_NAMES)('dominators of %s', (name) => {
  it('equal the iterative data-flow reference on the whole snapshot', async () => {
    const m = await sampleModel(name);
    expectSameAsReference(m, 'iterative');
  });

  it("sums each class's retained size over its instances that no instance of the class dominates", async () => {
    const m = await sampleModel(name);
    const { idom, retainedSize } = m.dominators;
    const { classOf, names } = m.classes;
    const root = m.graph.rootIndex as number;
    const synthetic = m.ids.nodeSynthetic;
    const expected = new Map<string, number>();
    let nested = 0;
    for (let v = 0; v < m.graph.nodeCount; v++) {
      if (m.graph.nodeType[v] === synthetic) continue;
      let d = v;
      let dominatedBySameClass = false;
      while (d !== root && !dominatedBySameClass) {
        d = idom[d];
        dominatedBySameClass = m.graph.nodeType[d] !== synthetic && classOf[d] === classOf[v];
      }
      if (dominatedBySameClass) nested++;
      const name = names[classOf[v]];
      expected.set(name, (expected.get(name) ?? 0) + (dominatedBySameClass ? 0 : retainedSize[v]));
    }
    expect(nested).toBeGreaterThan(0); // the samples have instances dominated by their own class
    expect(new Map(m.summary.constructors.map((c) => [c.name, c.retainedBytes as number]))).toEqual(expected);
  });
});

describe('dominators on small slices of a real heap', () => {
  it.each([
    ['the root', (m: HeapModel) => m.graph.rootIndex as number],
    ['a Guild', (m: HeapModel) => firstOfClass(m, 'Guild')],
    ['the event bus', (m: HeapModel) => firstOfClass(m, 'EventEmitter')],
  ])('the 1200 nodes nearest %s agree with the definition', async (_, start) => {
    const m = await sampleModel(SAMPLE_NAMES[2]);
    const slice = await modelOf(snapshotText(sliceOf(m, start(m), 1200)));
    expect(slice.graph.nodeCount).toBe(1200);
    expectSameAsReference(slice, 'removal');
  });
});

function expectSameAsReference(m: HeapModel, which: 'removal' | 'iterative'): void {
  const p = plainGraph(m.graph);
  const ref = which === 'removal' ? dominatorsByRemoval(p) : dominatorsIterative(p);
  const wrong: string[] = [];
  for (let v = 0; v < m.graph.nodeCount && wrong.length < 5; v++) {
    if (m.dominators.idom[v] !== ref.idom[v]) wrong.push(`idom(${v}) = ${m.dominators.idom[v]}, reference ${ref.idom[v]}`);
    if (m.dominators.retainedSize[v] !== ref.retained[v]) wrong.push(`retained(${v}) = ${m.dominators.retainedSize[v]}, reference ${ref.retained[v]}`);
  }
  expect(wrong).toEqual([]);
}

function randomGraph(seed: number, n: number): HandNode[] {
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const edgeKinds = ['property', 'property', 'property', 'property', 'element', 'weak', 'shortcut', 'context', 'internal'];
  return Array.from({ length: n }, (_, v) => ({
    type: v === 0 ? 'synthetic' : pick(['object', 'array', 'closure', 'string']),
    name: v === 0 ? '' : `C${v % 5}`,
    size: v === 0 ? 0 : Math.floor(random() * 100),
    edges: Array.from({ length: v === 0 ? 3 : Math.floor(random() * 4) }, (_, k) => {
      const type = pick(edgeKinds);
      return { type, name: type === 'element' ? k : `p${k}`, to: Math.floor(random() * n) };
    }),
  }));
}

function firstOfClass(m: HeapModel, name: string): number {
  const c = m.classes.names.indexOf(name);
  const v = m.classes.classOf.indexOf(c);
  if (c < 0 || v < 0) throw new Error(`no ${name} in the sample`);
  return v;
}

/**
 * The first `limit` nodes breadth-first from `start` (every edge type), with the edges among them,
 * as a snapshot of its own: node 0 is `start` if it is the root, else a new root holding `start`.
 */
function sliceOf(m: HeapModel, start: number, limit: number): HandNode[] {
  const g = m.graph;
  const order = start === g.rootIndex ? [start] : [-1, start];
  const index = new Map(order.map((v, i) => [v, i]));
  for (let head = 0; head < order.length && order.length < limit; head++) {
    const v = order[head];
    if (v < 0) continue;
    for (let e = g.firstEdge[v]; e < g.firstEdge[v + 1] && order.length < limit; e++) {
      const w = g.edgeToNode[e];
      if (!index.has(w)) {
        index.set(w, order.length);
        order.push(w);
      }
    }
  }
  return order.map((v) => {
    if (v < 0) return { type: 'synthetic', name: '', edges: [{ type: 'element', name: 0, to: 1 }] };
    const edges: NonNullable<HandNode['edges']> = [];
    for (let e = g.firstEdge[v]; e < g.firstEdge[v + 1]; e++) {
      const to = index.get(g.edgeToNode[e]);
      if (to === undefined) continue;
      const t = g.edgeType[e];
      edges.push({ type: EDGE_TYPES[EDGE_TYPES.indexOf(g.edgeTypes[t])], name: edgeHasIndexName(m.ids, t) ? g.edgeNameOrIndex[e] : g.strings.get(g.edgeNameOrIndex[e]), to });
    }
    return { type: g.nodeTypes[g.nodeType[v]], name: g.strings.get(g.nodeName[v]), id: g.nodeId[v], size: g.nodeSelfSize[v], edges };
  });
}
