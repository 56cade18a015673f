import { bytes, type Bytes } from '../core/units';
import { UNREACHABLE } from './distances';
import { edgeHasIndexName, type NodeIndex } from './heapGraph';
import type { HeapModel, ParsedSnapshot } from './heapModel';
import { edgeOwner } from './nodeLabels';
import { abbreviateSteps, formatRetainerPath, shortestRetainerPath } from './retainerPaths';
import { groupMarkedSubtrees } from './markedSubtreeGroups';
import { topMostMarked } from './topMostMarked';
import { capturedClasses } from './closureCaptures';
import { SharedIds } from './sharedIds';
import type { CodeLocation } from './viewCodeLocation';

/**
 * `three-snapshot`: objects allocated between the baseline and the target that are still alive in
 * the final snapshot (memlab's and DevTools' method). `two-snapshot-growth`: objects that are new in
 * the second snapshot, whose class also grew — weaker evidence, since some may be short-lived.
 */
export type LeakMethod = 'three-snapshot' | 'two-snapshot-growth';

export interface LeakCluster {
  /** Class of the cluster's top-most leaked objects (their dominator is not itself leaked). */
  className: string;
  /** How many top-most leaked objects share this retainer path. */
  count: number;
  /** All leaked objects in the cluster (the top-most ones and what they dominate). */
  objectCount: number;
  retainedBytes: Bytes;
  /** Normalized retainer path shared by the cluster: classes and edge names, element indexes dropped. */
  signature: string;
  /** One example's shortest retainer path in the final snapshot, readable. */
  retainerPath: string[];
  exampleIds: number[];
  /** Leaked objects by class, most numerous first. */
  constructors: { name: string; count: number }[];
  /** Instances of `className` in each snapshot (baseline, [target,] final). */
  countPerSnapshot: number[];
  /**
   * Classes whose growth over the leak's interval is mostly this cluster: it holds at least half the
   * instances each added. A class's rising count is then this leak counted by class; otherwise the
   * class also grew elsewhere, and its count is not this cluster's evidence.
   */
  holdsGrowthOf?: string[];
  /** For closures: classes of the objects their context captures (the example's). */
  captures?: string[];
  /** The code that created the example (its constructor) or, for a closure, its function. */
  location?: CodeLocation;
}

export interface LeakReport {
  method: LeakMethod;
  /** File names in role order: baseline, target, final (or first, second). */
  snapshots: string[];
  leakedObjectCount: number;
  leakedBytes: Bytes;
  /** Largest retained size first. */
  clusters: LeakCluster[];
}

/** Node types that can be a user's leaked object; code, hidden internals, shapes and numbers are V8's. */
const LEAKABLE_TYPES = new Set(['object', 'closure', 'array', 'native', 'regexp', 'string', 'concatenated string', 'sliced string']);
const SIGNATURE_STEPS = 4;
const MAX_CLUSTERS = 20;

/**
 * Leak detection over snapshots of one process, oldest first (see `orderSnapshots`). With three or
 * more: baseline = first, target = second to last, final = last (the only one indexed: the earlier
 * ones lend their ids and class counts). With two: growth only.
 * Leaked objects are grouped under their top-most leaked dominator, and those are clustered by the
 * shape of their shortest retainer path, so 600 leaked players held by one guild list make one cluster.
 */
export function detectLeaks(earlier: readonly ParsedSnapshot[], final: HeapModel, shared = new SharedIds()): LeakReport | null {
  const snapshots = [...earlier, final];
  if (snapshots.length < 2) return null;
  const three = snapshots.length >= 3;
  const baseline = snapshots[0];
  const target = three ? snapshots[snapshots.length - 2] : final;
  const roles = three ? [baseline, target, final] : [baseline, final];
  const g = final.graph;
  const n = g.nodeCount;

  const leakable = new Uint8Array(g.nodeTypes.length);
  g.nodeTypes.forEach((t, i) => (leakable[i] = LEAKABLE_TYPES.has(t) ? 1 : 0));
  const leaked = new Uint8Array(n);
  const inBaseline = shared.in(final, baseline);
  const inTarget = three ? shared.in(final, target) : undefined;
  for (let v = 0; v < n; v++) {
    if (!leakable[g.nodeType[v]] || inBaseline[v]) continue;
    if (inTarget && !inTarget[v]) continue;
    leaked[v] = 1;
  }

  // Each leaked subtree counts once, under its top-most leaked dominator.
  const top = topMostMarked(final, leaked);

  const classCounts = roles.map((m) => new Map(m.summary.constructors.map((c) => [c.name, c.count])));
  // The leak's interval: baseline to target (three snapshots) or to the second.
  const added = (name: string) => (classCounts[1].get(name) ?? 0) - (classCounts[0].get(name) ?? 0);
  const grew = (name: string) => {
    const counts = classCounts.map((m) => m.get(name) ?? 0);
    for (let i = 1; i < counts.length; i++) if (counts[i] <= counts[i - 1]) return false;
    return true;
  };

  interface Building extends LeakCluster {
    members: Map<string, number>;
  }
  const { classOf, names } = final.classes;
  let leakedObjectCount = 0;
  const { groups: clusters, retainedBytes: leakedBytes } = groupMarkedSubtrees<Building>(
    final,
    top,
    (node) => {
      const className = names[classOf[node]];
      if (!grew(className)) return undefined;
      const signature = `${className} ← ${pathSignature(final, node) ?? '(unreachable)'}`;
      // Constants reached through compiled code (constant pools, scope infos) are V8's, not the program's.
      if (signature.includes('(compiled code)')) return undefined;
      return {
        key: signature,
        create: () => ({
          className,
          count: 0,
          objectCount: 0,
          retainedBytes: bytes(0),
          signature,
          retainerPath: abbreviateSteps(retainerStepsOrNone(final, node)),
          exampleIds: [],
          constructors: [],
          countPerSnapshot: classCounts.map((m) => m.get(className) ?? 0),
          members: new Map(),
        }),
      };
    },
    (c, v) => {
      c.objectCount++;
      leakedObjectCount++;
      const name = names[classOf[v]];
      c.members.set(name, (c.members.get(name) ?? 0) + 1);
    },
  );
  // The cap counts patterns, not slots: the sixteen `levelup:N` clusters of one leak are kept together.
  const sorted = [...clusters.values()].sort((a, b) => b.retainedBytes - a.retainedBytes || b.count - a.count);
  const patterns = new Set<string>();
  for (const c of sorted) if (patterns.size < MAX_CLUSTERS) patterns.add(slotPattern(c.signature).pattern);
  const ranked = sorted
    .filter((c) => patterns.has(slotPattern(c.signature).pattern))
    .map(({ members, ...c }) => {
      const captures = c.exampleIds.length ? capturedClasses(final, c.exampleIds[0]) : [];
      const holdsGrowthOf = [...members].filter(([name, count]) => added(name) > 0 && count * 2 >= added(name)).map(([name]) => name);
      return {
        ...c,
        constructors: [...members].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count).slice(0, 8),
        ...(captures.length ? { captures } : {}),
        ...(holdsGrowthOf.length ? { holdsGrowthOf } : {}),
      };
    });
  return {
    method: three ? 'three-snapshot' : 'two-snapshot-growth',
    snapshots: roles.map((m) => m.graph.file),
    leakedObjectCount,
    leakedBytes,
    clusters: ranked,
  };
}

/**
 * A signature with the keys and indexes of its slots left out: `Object.levelup:3` and `Object.levelup:12`
 * give `Object.levelup:*` and the slots `levelup:3`, `levelup:12`. The first step is the class itself.
 */
export function slotPattern(signature: string): { pattern: string; slots: string[] } {
  const slots: string[] = [];
  const steps = signature.split(' ← ').map((step, i) => {
    if (i === 0) return step;
    const { pattern, slot } = stepPattern(step);
    if (slot !== undefined) slots.push(slot);
    return pattern;
  });
  return { pattern: steps.join(' ← '), slots };
}

/** One step of a signature with its slot's key or index left out (`Object.levelup:3` → `Object.levelup:*`, slot `levelup:3`). */
export function stepPattern(step: string): { pattern: string; slot?: string } {
  const dot = step.lastIndexOf('.');
  if (dot < 0) return { pattern: step };
  const edge = step.slice(dot + 1);
  const m = /\d/.test(edge) && edge !== '[]' ? /^(\D*)(\d+)(.*)$/.exec(edge) : null;
  return m ? { pattern: `${step.slice(0, dot + 1)}${m[1]}*${m[3]}`, slot: edge } : { pattern: step };
}

/**
 * The last few steps of the node's shortest retainer path with ids and element indexes dropped, so
 * similar paths compare equal; undefined when nothing retains it. Walks up only those steps: every
 * leaked root is signed, and its whole path (each step a search for the edge's owner) is read only
 * for the roots that start a cluster.
 */
export function pathSignature(m: HeapModel, node: NodeIndex): string | undefined {
  const g = m.graph;
  const { parentEdge, distance } = m.distances;
  if (distance[node] === UNREACHABLE) return undefined;
  const parts: string[] = [];
  for (let v: number = node; v !== g.rootIndex && parts.length < SIGNATURE_STEPS; ) {
    const owner = edgeOwner(g.firstEdge, parentEdge[v]);
    parts.push(signatureStep(m, owner, parentEdge[v]));
    v = owner;
  }
  return parts.join(' ← ');
}

/** One step of a signature: the owner's class and the edge's name, element indexes as `[]` (`Guild.members`, `Array.[]`). */
export function signatureStep(m: HeapModel, owner: number, edge: number): string {
  const name = edgeHasIndexName(m.ids, m.graph.edgeType[edge]) ? '[]' : m.graph.strings.get(m.graph.edgeNameOrIndex[edge]);
  return `${m.classes.names[m.classes.classOf[owner]]}.${/^\d+$/.test(name) ? '[]' : name}`;
}

/** The readable shortest retainer path, or none when nothing retains the node. */
function retainerStepsOrNone(m: HeapModel, node: NodeIndex): string[] {
  const path = shortestRetainerPath(m, node);
  return path ? formatRetainerPath(m, path) : [];
}
