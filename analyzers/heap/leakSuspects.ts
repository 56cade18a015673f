import { bytes, type Bytes } from '../core/units';
import { accumulationOf, collectionOf, type Accumulation } from './accumulationPoint';
import { dominatorTreeOf, type DominatorTree } from './dominatorTree';
import { isRuntimeClass } from './frameworkStructures';
import { asNode, type NodeIndex } from './heapGraph';
import type { HeapModel } from './heapModel';
import { pathSignature } from './leakDetection';
import { nodeLabel } from './nodeLabels';
import { abbreviateSteps, retainerSteps } from './retainerPaths';
import { topMostMarked } from './topMostMarked';
import type { CodeLocation } from './viewCodeLocation';

/** Eclipse MAT's `threshold_percent`: below a fifth of the heap, nothing is a suspect. */
export const SUSPECT_SHARE = 0.2;
/** MAT's `big_drop_ratio`: a single object's accumulation point is where its biggest child retains less than this of it. */
export const BIG_DROP = 0.7;
/**
 * What makes a big share an accumulation rather than the program's make-up: its collections hold at
 * least this many of the objects each, on average. MAT has no such rule; without it, what each of a
 * suspect's objects holds (a session's 256 KiB Buffer, a cache entry's value: one per holder, thousands
 * of holders) is a suspect of its own, and a program's structure that passes the share could be one
 * (the TypeScript compiler's 111 source files retain 23 % of one of its heaps; 77 % of them sit in one
 * array, just short of MAT's 80 %). A leak piles thousands of objects into a list, a map or a listener
 * array; a structure spreads over holders of a few, or a few hundred, each.
 */
export const MIN_HELD = 1_000;

/** Where a suspect's memory is held. */
export interface AccumulationPoint {
  /** The container holding the most of the suspect's objects (its V8 id). */
  id: number;
  label: string;
  className: string;
  /** Containers of the same shape that hold the rest (three Guilds' `members`: 3), this one included. */
  containers: number;
  /** How many objects the containers hold (estimated from the sample, for a class). */
  held: number;
  /** The shortest retainer path of an object it holds, as leak clusters sign theirs (`Player ← Array.[] ← Guild.members ← …`). */
  signature: string;
}

/**
 * A class whose top-most instances (those no other instance of it dominates), or a single object,
 * retain more than `SUSPECT_SHARE` of the heap and pile up in one place: size in one snapshot, not growth.
 */
export interface LeakSuspect {
  kind: 'class' | 'object';
  className: string;
  /** Top-most instances of the class; 1 for a single object. */
  count: number;
  retainedBytes: Bytes;
  /** Of the snapshot's total. */
  share: number;
  /** Instances held by the accumulation point (the single object itself). */
  exampleIds: number[];
  accumulation: AccumulationPoint;
  /**
   * The readable path from the roots through the accumulation point, as leak clusters show theirs:
   * to the first example (a class), or to the accumulation point (a single object, which it passes).
   */
  retainerPath: string[];
  /** The code that created the first example (its constructor), added by the analysis. */
  location?: CodeLocation;
}

export interface LeakSuspectReport {
  file: string;
  totalBytes: Bytes;
  /** Largest first; one problem once. */
  suspects: LeakSuspect[];
}

interface Found {
  suspect: LeakSuspect;
  /** Where the accumulation point's objects are held: the collections (several of one shape for a class). */
  containers: readonly NodeIndex[];
}

interface ObjectFound extends Found {
  node: NodeIndex;
}

/**
 * Eclipse MAT's Leak Suspects on one snapshot: classes, then single objects, above a fifth of the heap
 * whose memory accumulates in collections. V8's and Node's own objects (`(system)`, `(array)`,
 * `(closure)`, `system / Context`, …: `isRuntimeClass`) are never suspects themselves: they are how
 * the program's objects are stored, and a module's scope retaining the whole program says nothing.
 * Linear: a pass over the nodes per class above the threshold (a handful), and a sample of paths.
 * One problem once (MAT does not repeat a class inside an object suspect either): a class held inside
 * a bigger suspect's objects is part of it, and an object holding a class suspect's collection is
 * that suspect told less well.
 */
export function detectLeakSuspects(m: HeapModel): LeakSuspectReport {
  const total = m.summary.totalBytes;
  const classes: Found[] = [];
  const suspectClasses = new Set<number>();
  // Largest first, so that a class inside another's objects meets that one already kept.
  for (const row of m.summary.constructors) {
    if (row.retainedBytes <= SUSPECT_SHARE * total || isRuntimeClass(row.name)) continue;
    const cls = m.classes.names.indexOf(row.name);
    const found = classSuspect(m, cls);
    if (!found || insideClasses(m, found.containers[0], suspectClasses)) continue;
    classes.push(found);
    suspectClasses.add(cls);
  }
  const objects = objectSuspects(m).filter((o) => !insideClasses(m, o.node, suspectClasses) && !classes.some((c) => c.containers.some((k) => dominates(m, o.node, k))));
  const suspects = [...classes, ...objects].map((f) => f.suspect).sort((a, b) => b.retainedBytes - a.retainedBytes);
  return { file: m.graph.file, totalBytes: total, suspects };
}

function classSuspect(m: HeapModel, cls: number): Found | undefined {
  const { classOf, names } = m.classes;
  const marked = new Uint8Array(m.graph.nodeCount);
  for (let v = 0; v < marked.length; v++) if (classOf[v] === cls) marked[v] = 1;
  const top = topMostMarked(m, marked);
  const instances: NodeIndex[] = [];
  let retained = 0;
  for (let v = 0; v < top.length; v++) {
    if (top[v] !== v) continue;
    instances.push(asNode(v));
    retained += m.dominators.retainedSize[v];
  }
  const found = accumulationOf(m, instances);
  if (!found || !accumulates(m, found, instances.length)) return undefined;
  return {
    suspect: {
      kind: 'class',
      className: names[cls],
      count: instances.length,
      retainedBytes: bytes(retained),
      share: retained / m.summary.totalBytes,
      exampleIds: found.examples.map((v) => m.graph.nodeId[v]),
      accumulation: pointOf(m, found.containers[0], found.containers.length, Math.round(heldOf(found, instances.length)), found.examples[0]),
      retainerPath: abbreviateSteps(retainerSteps(m, found.examples[0])),
    },
    containers: found.containers,
  };
}

/**
 * The rule that keeps a healthy heap quiet: the common path runs down to the objects themselves (not
 * only to something that leads to them by different ways), its end is not a GC root, and the
 * collections there hold `MIN_HELD` or more of the objects each, on average.
 */
function accumulates(m: HeapModel, a: Accumulation, count: number): boolean {
  if (!a.direct || a.containers.some((c) => c === m.graph.rootIndex || m.graph.nodeType[c] === m.ids.nodeSynthetic)) return false;
  return heldOf(a, count) / a.containers.length >= MIN_HELD;
}

/** How many of the class's `count` instances the containers hold, from the sample. */
const heldOf = (a: Accumulation, count: number): number => a.held.reduce((sum, n) => sum + n, 0) * (count / a.sampled);

/**
 * Single objects above the threshold (the top-most of them: one that another dominates is inside
 * that one's size), each followed down the dominator tree while its biggest child keeps 70 % of it
 * (MAT's walk). Where the size spreads over many children, that object is the accumulation point;
 * where it spreads over a few, it is a structure (a program object holding its parts), not a pile.
 */
function objectSuspects(m: HeapModel): ObjectFound[] {
  const { retainedSize, idom } = m.dominators;
  const root = m.graph.rootIndex as number;
  const min = SUSPECT_SHARE * m.summary.totalBytes;
  const big = new Set<number>();
  for (let v = 0; v < m.graph.nodeCount; v++) {
    if (retainedSize[v] > min && v !== root && m.graph.nodeType[v] !== m.ids.nodeSynthetic && !isRuntimeClass(m.classes.names[m.classes.classOf[v]])) big.add(v);
  }
  if (!big.size) return [];
  const tree = dominatorTreeOf(idom, root);
  const topMost = [...big].filter((v) => {
    for (let u = idom[v]; u !== root; u = idom[u]) if (big.has(u)) return false;
    return true;
  });
  return topMost.flatMap((v) => {
    const point = bigDropEnd(tree, retainedSize, v);
    const children = tree.first[point + 1] - tree.first[point];
    if (children < MIN_HELD) return [];
    const node = asNode(v);
    const suspect: LeakSuspect = {
      kind: 'object',
      className: m.classes.names[m.classes.classOf[v]],
      count: 1,
      retainedBytes: bytes(retainedSize[v]),
      share: retainedSize[v] / m.summary.totalBytes,
      exampleIds: [m.graph.nodeId[v]],
      accumulation: pointOf(m, collectionOf(m, asNode(point)), 1, children, asNode(tree.children[tree.first[point]])),
      retainerPath: abbreviateSteps(retainerSteps(m, collectionOf(m, asNode(point)))),
    };
    return [{ suspect, node, containers: [asNode(point)] }];
  });
}

/** MAT's walk down the dominator tree from `node`: on while the biggest child keeps `BIG_DROP` of its parent. */
function bigDropEnd(tree: DominatorTree, retainedSize: Float64Array, node: number): number {
  let point = node;
  for (;;) {
    let biggest = -1;
    for (let i = tree.first[point]; i < tree.first[point + 1]; i++) {
      const c = tree.children[i];
      if (biggest < 0 || retainedSize[c] > retainedSize[biggest]) biggest = c;
    }
    if (biggest < 0 || retainedSize[biggest] < BIG_DROP * retainedSize[point]) return point;
    point = biggest;
  }
}

function pointOf(m: HeapModel, container: NodeIndex, containers: number, held: number, example: NodeIndex): AccumulationPoint {
  const className = (v: number) => m.classes.names[m.classes.classOf[v]];
  return {
    id: m.graph.nodeId[container],
    label: nodeLabel(m, container),
    className: className(container),
    containers,
    held,
    signature: `${className(example)} ← ${pathSignature(m, example) ?? '(unreachable)'}`,
  };
}

/** Whether an instance of one of `classes` dominates `node`: then its memory is that instance's. */
function insideClasses(m: HeapModel, node: NodeIndex, classes: ReadonlySet<number>): boolean {
  const { idom } = m.dominators;
  for (let u: number = node; u !== m.graph.rootIndex; u = idom[u]) if (classes.has(m.classes.classOf[u])) return true;
  return false;
}

/** Whether `holder` is `node` or dominates it. */
function dominates(m: HeapModel, holder: NodeIndex, node: NodeIndex): boolean {
  const { idom } = m.dominators;
  for (let u: number = node; ; u = idom[u]) {
    if (u === holder) return true;
    if (u === m.graph.rootIndex) return false;
  }
}
