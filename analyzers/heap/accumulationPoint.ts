import { isRuntimeClass } from './frameworkStructures';
import { asNode, type NodeIndex } from './heapGraph';
import type { HeapModel } from './heapModel';
import { signatureStep, stepPattern } from './leakDetection';
import { edgeOwner } from './nodeLabels';
import { shortestRetainerPath } from './retainerPaths';

/** Eclipse MAT's sample: enough instances for their common path to be the class's, few enough to walk each path. */
const PATH_SAMPLE = 10_000;
/** MAT: the path is common while more than 80 % of the sampled instances share it. */
const SHARED = 0.8;
const EXAMPLES = 5;

/**
 * Where many objects of one class are held: the end of the path that most of their shortest
 * retaining paths share, as Eclipse MAT finds a class suspect's accumulation point.
 */
export interface Accumulation {
  /**
   * The objects at the end of the common path, the one holding the most first: one collection, or
   * the same collection in each of several owners (three Guilds' `members`).
   */
  containers: NodeIndex[];
  /** Sampled instances under each container, in the same order. */
  held: number[];
  /** Instances sampled: `held` out of these. */
  sampled: number;
  /** Whether the containers hold the instances themselves (the common path runs down to them), or only objects that lead to them. */
  direct: boolean;
  /** A few sampled instances under the first container: the first one's path names the holder. */
  examples: NodeIndex[];
}

/**
 * MAT's walk: from the GC roots, follow the shortest retaining paths (weak edges excluded: the
 * distances' breadth-first tree) while more than 80 % of the sampled instances go through the same
 * object. Where they part, MAT stops; here the paths are followed on while more than 80 % of them
 * keep the same shape (owner classes and edge names, slots and indexes left out), because one leak
 * often fills the same collection in several owners: a Player leak held by each of three Guilds'
 * `members` parts at the array of guilds, which holds none of them. The end is the accumulation point.
 */
export function accumulationOf(m: HeapModel, instances: readonly NodeIndex[]): Accumulation | undefined {
  const sampled = Math.min(instances.length, PATH_SAMPLE);
  const stride = instances.length / sampled;
  const paths: NodeIndex[][] = [];
  for (let i = 0; i < sampled; i++) {
    const path = shortestRetainerPath(m, instances[Math.floor(i * stride)]);
    if (path) paths.push(path.nodes);
  }
  const need = SHARED * sampled;
  const split = lastSharedNode(paths, need);
  if (split === undefined) return undefined;
  let group = paths.filter((p) => p[split.depth] === split.node);
  let depth = split.depth;
  let direct = false;
  for (;;) {
    const next = largestBy(group, (p) => (depth + 1 < p.length ? stepShape(m, p[depth + 1]) : END));
    if (next.members.length <= need) break;
    group = next.members;
    if (next.key === END) {
      // The instances themselves: what holds them is one step up.
      depth--;
      direct = true;
      break;
    }
    depth++;
  }
  const tally = new Map<NodeIndex, number>();
  for (const p of group) {
    const holder = collectionOf(m, p[depth]);
    tally.set(holder, (tally.get(holder) ?? 0) + 1);
  }
  const containers = [...tally.keys()].sort((a, b) => tally.get(b)! - tally.get(a)!);
  const examples = group
    .filter((p) => collectionOf(m, p[depth]) === containers[0])
    .slice(0, EXAMPLES)
    .map((p) => p[p.length - 1]);
  return { containers, held: containers.map((c) => tally.get(c)!), sampled, direct, examples };
}

const END = '';

/** The deepest object that more than `need` of the paths (root first) go through: they all reach it by the same path. */
function lastSharedNode(paths: readonly NodeIndex[][], need: number): { node: NodeIndex; depth: number } | undefined {
  const through = new Map<NodeIndex, number>();
  for (const p of paths) for (let i = 0; i < p.length - 1; i++) through.set(p[i], (through.get(p[i]) ?? 0) + 1);
  let last: { node: NodeIndex; depth: number } | undefined;
  // Two children of one node cannot both be on more than 80 % of the paths: those that are make one path.
  for (const p of paths) {
    for (let i = last?.depth ?? 0; i < p.length - 1 && (through.get(p[i]) ?? 0) > need; i++) {
      if (!last || i > last.depth) last = { node: p[i], depth: i };
    }
  }
  return last;
}

function largestBy<T>(items: readonly T[], keyOf: (item: T) => string): { key: string; members: T[] } {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const members = groups.get(key);
    if (members) members.push(item);
    else groups.set(key, [item]);
  }
  let best = { key: END, members: [] as T[] };
  for (const [key, members] of groups) if (members.length > best.members.length) best = { key, members };
  return best;
}

/** The step into `node` on its shortest path, with the slot left out: the same place in another owner reads the same. */
function stepShape(m: HeapModel, node: NodeIndex): string {
  const e = m.distances.parentEdge[node];
  return stepPattern(signatureStep(m, edgeOwner(m.graph.firstEdge, e), e)).pattern;
}

/**
 * The program's collection rather than its backing store: a Map's entries hang off its hash table,
 * a V8 internal the Map reaches by an internal edge. Any other holder is itself.
 */
export function collectionOf(m: HeapModel, node: NodeIndex): NodeIndex {
  const { classOf, names } = m.classes;
  const e = m.distances.parentEdge[node];
  if (node === m.graph.rootIndex || !isRuntimeClass(names[classOf[node]])) return node;
  const t = m.graph.edgeType[e];
  if (t !== m.ids.edgeInternal && t !== m.ids.edgeHidden) return node;
  const owner = edgeOwner(m.graph.firstEdge, e);
  return isRuntimeClass(names[classOf[owner]]) ? node : asNode(owner);
}
