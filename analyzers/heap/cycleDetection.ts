import { MIN_INSTANCES } from './viewCycles';
import { frameworkStructure } from './frameworkStructures';
import { asNode } from './heapGraph';
import type { HeapModel } from './heapModel';
import { edgeLabel, edgeOwner, nodeLabel } from './nodeLabels';
import { abbreviateSteps, retainerSteps } from './retainerPaths';
import { CancelTicks } from '../core/cancelPoint';
import { COLLECTION_CLASSES, type CycleScope } from './cycleScope';
import { cycleSearchInput, dataEdge, isHolderClass, searchCycles, type CycleComponents, type CycleSearchInput } from './cycleSearch';
import type { CodeLocation } from './viewCodeLocation';

/**
 * `closure-self-capture`: an object holds a closure whose context captures that same object
 * (`this.onLevelUp = () => { this.level++ }`, the JS twin of a C++ lambda capturing its own
 * shared_ptr). `same-class-mutual`: instances of one class reference each other through a property,
 * directly or through an Array/Map/Set (friends lists).
 */
export type CyclePatternKind = 'closure-self-capture' | 'same-class-mutual';

export interface CycleGroup {
  kind: CyclePatternKind;
  className: string;
  /** The property (and captured variable) that closes the cycle: `.onLevelUp → context.this`, `.friends`. */
  via: string;
  /** Objects of `className` taking part. */
  instances: number;
  /** Size of the largest strongly connected component these objects are in. */
  largestComponent: number;
  exampleId: number;
  /** One concrete cycle, nodes and edges alternating, ending where it started. */
  cyclePath: string[];
  /** The shortest retaining path from the GC roots to the example: what keeps the cycle alive. */
  rootPath: string[];
  /** Filled by `trackCycleGrowth`: instances in each snapshot, oldest first. */
  instancesPerSnapshot?: number[];
  grows?: boolean;
  /** The framework or runtime structure this is (a React Fiber tree, a Redux slice): named, never a finding. */
  framework?: string;
  /** The self-capturing closure's function, or the constructor of the class whose instances reference each other. */
  location?: CodeLocation;
}

export interface CycleReport {
  file: string;
  /** Strongly connected components of two or more objects over data references, among the objects searched. */
  componentCount: number;
  largestComponent: number;
  groups: CycleGroup[];
  /** Whose cycles were searched (absent in cases saved before the search was bounded: the whole graph). */
  searched?: CycleSearch;
}

/** The classes whose objects were searched as the holders of cycles, and how many objects the search covered. */
export interface CycleSearch {
  classes: string[];
  /** The holders and what they reference within `SEARCH_DEPTH`. */
  objects: number;
}

const MAX_CYCLE_SEARCH = 200_000;

export interface CycleDetectionOptions {
  /** An earlier snapshot, counted for the growth: the example paths are left out. */
  countOnly?: boolean;
  locate?: (m: HeapModel, node: number) => CodeLocation | undefined;
  /** Where a cancel is let in; none when absent. */
  ticks?: CancelTicks;
  /** Where the components are computed (a helper thread: CycleSearchThread); here when absent. */
  components?: (input: CycleSearchInput) => Promise<CycleComponents>;
}

/**
 * Reference cycles held by the objects of `scope`'s holders (heap/cycleScope: the program's classes
 * that grow): strongly connected components over data references among them and what they reference
 * (cycleSearch), then the suspicious patterns looked for inside components. Cancellable throughout.
 */
export async function detectCycles(m: HeapModel, scope: CycleScope, opts: CycleDetectionOptions = {}): Promise<CycleReport> {
  const { countOnly = false, locate, ticks = new CancelTicks(undefined) } = opts;
  const g = m.graph;
  if (scope.holders.length === 0) return { file: g.file, componentCount: 0, largestComponent: 0, groups: [], searched: { classes: [], objects: 0 } };
  const { ids } = m;
  const { classOf, names } = m.classes;
  const input = cycleSearchInput(m, scope);
  const holderClass = (cls: number) => isHolderClass(input, cls);
  const follow = dataEdge(input);
  const { component, count, size, members } = await (opts.components ? opts.components(input) : searchCycles(input, ticks));
  const inCycle = (v: number) => component[v] >= 0 && size[component[v]] >= 2;
  const className = (v: number) => names[classOf[v]];

  interface Building {
    group: CycleGroup;
    members: Set<number>;
    example: { from: number; edges: number[]; to: number };
  }
  const groups = new Map<string, Building>();
  // A group is found by its words (kind, class, via), but those are built once per distinct
  // (kind, class, edge names), not per occurrence: a leak of 10^5 objects notes 10^5 cycles.
  const found = [new Map<number, Map<number, Building>>(), new Map<number, Map<number, Building>>()];
  // The edge names that close the cycle: the property (and, for a closure, the captured variable).
  const viaOf = (kind: CyclePatternKind, edges: number[]) =>
    kind === 'closure-self-capture' ? `${edgeLabel(m, edges[0])} → ${edgeLabel(m, edges[2])}` : edgeLabel(m, edges[0]);
  const groupOf = (kind: CyclePatternKind, holder: number, viaKey: number, other: number, edges: number[]): Building => {
    const byClass = found[kind === 'closure-self-capture' ? 0 : 1];
    let byVia = byClass.get(classOf[holder]);
    if (!byVia) byClass.set(classOf[holder], (byVia = new Map<number, Building>()));
    let b = byVia.get(viaKey);
    if (b) return b;
    const words = viaOf(kind, edges);
    const name = `${kind}|${className(holder)}|${words}`;
    b = groups.get(name);
    if (!b) {
      b = {
        group: { kind, className: className(holder), via: words, instances: 0, largestComponent: 0, exampleId: g.nodeId[holder], cyclePath: [], rootPath: [] },
        members: new Set(),
        example: { from: holder, edges, to: other },
      };
      groups.set(name, b);
    }
    byVia.set(viaKey, b);
    return b;
  };
  /** `viaKey`: the names of the edges `viaOf` labels (string indexes), so that equal keys are equal words. */
  const note = (kind: CyclePatternKind, holder: number, viaKey: number, other: number, edges: number[]) => {
    const b = groupOf(kind, holder, viaKey, other, edges);
    // The newest object makes the example: in a leak it is the one that should already be gone.
    if (g.nodeId[holder] > b.group.exampleId) {
      b.group.exampleId = g.nodeId[holder];
      b.example = { from: holder, edges, to: other };
    }
    b.members.add(holder);
    if (kind === 'same-class-mutual') b.members.add(other);
    b.group.largestComponent = Math.max(b.group.largestComponent, size[component[holder]]);
  };

  const contextName = g.strings.indexOf('context');
  // Only the objects searched can be in a cycle: the passes below go over them, not the whole graph.
  for (const c of members) {
    if (ticks.due()) await ticks.pause();
    if (g.nodeType[c] !== ids.nodeClosure || !inCycle(c)) continue;
    for (let e = g.firstEdge[c]; e < g.firstEdge[c + 1]; e++) {
      if (g.edgeType[e] !== ids.edgeInternal || g.edgeNameOrIndex[e] !== contextName) continue;
      const ctx = g.edgeToNode[e];
      for (let ce = g.firstEdge[ctx]; ce < g.firstEdge[ctx + 1]; ce++) {
        if (g.edgeType[ce] !== ids.edgeContext) continue;
        const owner = g.edgeToNode[ce];
        if (g.nodeType[owner] !== ids.nodeObject || !holderClass(classOf[owner]) || component[owner] !== component[c]) continue;
        for (let oe = g.firstEdge[owner]; oe < g.firstEdge[owner + 1]; oe++) {
          if (g.edgeToNode[oe] !== c || g.edgeType[oe] !== ids.edgeProperty) continue;
          const viaKey = g.edgeNameOrIndex[oe] * g.strings.length + g.edgeNameOrIndex[ce];
          note('closure-self-capture', owner, viaKey, owner, [oe, e, ce]);
        }
      }
    }
  }

  const isContainer = (v: number) => COLLECTION_CLASSES.has(className(v));
  for (const a of members) {
    if (ticks.due()) await ticks.pause();
    // Holders are the program's own classes (cycleScope), never a collection or the runtime's.
    if (!holderClass(classOf[a]) || g.nodeType[a] !== ids.nodeObject || !inCycle(a)) continue;
    const cls = classOf[a];
    const comp = component[a];
    for (let e = g.firstEdge[a]; e < g.firstEdge[a + 1]; e++) {
      if (g.edgeType[e] !== ids.edgeProperty || !follow(e)) continue;
      // A property edge: its name alone decides its label.
      const viaKey = g.edgeNameOrIndex[e];
      const x = g.edgeToNode[e];
      if (component[x] !== comp) continue;
      if (classOf[x] === cls) {
        if (x !== a) note('same-class-mutual', a, viaKey, x, [e]);
        continue;
      }
      if (!isContainer(x)) continue;
      // Through a collection: Array → element, Map/Set → table → entry (two hops at most).
      for (let e2 = g.firstEdge[x]; e2 < g.firstEdge[x + 1]; e2++) {
        const y = g.edgeToNode[e2];
        if (component[y] !== comp || !follow(e2)) continue;
        if (classOf[y] === cls) {
          if (y !== a) note('same-class-mutual', a, viaKey, y, [e, e2]);
          continue;
        }
        if (!isContainer(y)) continue;
        for (let e3 = g.firstEdge[y]; e3 < g.firstEdge[y + 1]; e3++) {
          const z = g.edgeToNode[e3];
          if (z !== a && classOf[z] === cls && component[z] === comp && follow(e3)) note('same-class-mutual', a, viaKey, z, [e, e2, e3]);
        }
      }
    }
  }

  let componentCount = 0;
  let largestComponent = 0;
  for (let c = 0; c < count; c++) {
    if (size[c] < 2) continue;
    componentCount++;
    largestComponent = Math.max(largestComponent, size[c]);
  }
  const result: CycleGroup[] = [];
  for (const b of groups.values()) {
    const { from, edges, to } = b.example;
    const instances = [...b.members].filter((v) => classOf[v] === classOf[from]).length;
    if (countOnly) {
      result.push({ ...b.group, instances });
      continue;
    }
    const back = await pathWithin(m, to, from, component, follow, ticks);
    const steps = [nodeLabel(m, from)];
    for (const e of edges) steps.push(edgeLabel(m, e), nodeLabel(m, g.edgeToNode[e]));
    if (to !== from && back) for (const e of back) steps.push(edgeLabel(m, e), nodeLabel(m, g.edgeToNode[e]));
    const framework = frameworkStructure(b.group.className, b.group.via);
    // A self-capturing closure is named by its own function; a mutual reference by the class's constructor.
    const location = locate?.(m, b.group.kind === 'closure-self-capture' ? g.edgeToNode[edges[0]] : from);
    result.push({
      ...b.group,
      ...(framework ? { framework } : {}),
      ...(location ? { location } : {}),
      instances,
      cyclePath: steps,
      rootPath: abbreviateSteps(retainerSteps(m, asNode(from))),
    });
  }
  result.sort((a, b) => b.instances - a.instances || a.className.localeCompare(b.className));
  return { file: g.file, componentCount, largestComponent, groups: result, searched: { classes: [...scope.holders], objects: members.length } };
}

/** Shortest followed-edge path from `from` to `to` inside their component (breadth-first, bounded). */
async function pathWithin(m: HeapModel, from: number, to: number, component: Int32Array, follow: (e: number) => boolean, ticks: CancelTicks): Promise<number[] | null> {
  const g = m.graph;
  const comp = component[from];
  const parentEdge = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let head = 0; head < queue.length && parentEdge.size < MAX_CYCLE_SEARCH; head++) {
    if (ticks.due()) await ticks.pause();
    const v = queue[head];
    for (let e = g.firstEdge[v]; e < g.firstEdge[v + 1]; e++) {
      const w = g.edgeToNode[e];
      if (component[w] !== comp || parentEdge.has(w) || !follow(e)) continue;
      parentEdge.set(w, e);
      if (w === to) {
        const edges: number[] = [];
        for (let x = to; x !== from; ) {
          const pe = parentEdge.get(x)!;
          edges.push(pe);
          x = edgeOwner(g.firstEdge, pe);
        }
        return edges.reverse();
      }
      queue.push(w);
    }
  }
  return null;
}

/** Marks, for the groups of the last report, how many instances each earlier snapshot had (the same scope searched in each). */
export function trackCycleGrowth(reports: readonly CycleReport[]): CycleReport | undefined {
  const last = reports[reports.length - 1];
  if (!last) return undefined;
  const key = (c: CycleGroup) => `${c.kind}|${c.className}|${c.via}`;
  const maps = reports.map((r) => new Map(r.groups.map((c) => [key(c), c.instances])));
  return {
    ...last,
    groups: last.groups.map((c) => {
      const per = maps.map((mp) => mp.get(key(c)) ?? 0);
      const grew = per[per.length - 1] - per[0];
      return { ...c, instancesPerSnapshot: per, grows: grew >= MIN_INSTANCES && per.every((x, i) => i === 0 || x >= per[i - 1]) };
    }),
  };
}

