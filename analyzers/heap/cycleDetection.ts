import { MIN_INSTANCES } from './viewCycles';
import { frameworkStructure } from './frameworkStructures';
import { asNode } from './heapGraph';
import type { HeapModel, ParsedSnapshot } from './heapModel';
import { edgeLabel, edgeOwner, nodeLabel } from './nodeLabels';
import { abbreviateSteps, retainerSteps } from './retainerPaths';
import { CancelTicks } from '../core/cancelPoint';
import type { CycleScope } from './cycleScope';
import { cycleSearchInput, DataEdges, type CycleSearchInput } from './cycleSearch';
import { forEachCyclePattern, searchAndCount, type CyclePatternKind, type CycleSearchResult, type PatternNotes } from './cyclePatterns';
import type { CodeLocation } from './viewCodeLocation';

export type { CyclePatternKind } from './cyclePatterns';

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
  locate?: (m: HeapModel, node: number) => CodeLocation | undefined;
  /** Where a cancel is let in; none when absent. */
  ticks?: CancelTicks;
  /**
   * Where the search runs (a helper thread: CycleSearchThread), and with `count` the patterns'
   * objects counted there too (cyclePatterns.searchAndCount); here when absent.
   */
  search?: (input: CycleSearchInput, count: boolean) => Promise<CycleSearchResult>;
}

/** The words a group is known by across snapshots (`trackCycleGrowth`). */
const groupKey = (kind: CyclePatternKind, className: string, via: string) => `${kind}|${className}|${via}`;

/** The edge names that close the cycle: the property (and, for a closure, the captured variable). */
const viaOf = (m: ParsedSnapshot, kind: CyclePatternKind, edges: readonly number[]) =>
  kind === 'closure-self-capture' ? `${edgeLabel(m, edges[0])} → ${edgeLabel(m, edges[2])}` : edgeLabel(m, edges[0]);

/**
 * Reference cycles held by the objects of `scope`'s holders (heap/cycleScope: the program's classes
 * that grow): strongly connected components over data references among them and what they reference
 * (cycleSearch), then the suspicious patterns looked for inside components (cyclePatterns), each
 * group with an example cycle and what keeps it alive. Cancellable throughout.
 */
export async function detectCycles(m: HeapModel, scope: CycleScope, opts: CycleDetectionOptions = {}): Promise<CycleReport> {
  const { locate, ticks = new CancelTicks(undefined) } = opts;
  const g = m.graph;
  if (scope.holders.length === 0) return { file: g.file, componentCount: 0, largestComponent: 0, groups: [], searched: { classes: [], objects: 0 } };
  const { classOf, names } = m.classes;
  const input = cycleSearchInput(m, scope);
  const dataEdges = new DataEdges(input);
  const found = await (opts.search ? opts.search(input, false) : searchAndCount(input, false, ticks));
  const { component, count, size, members } = found;

  interface Building {
    group: CycleGroup;
    members: Set<number>;
    example: { from: number; edges: number[]; to: number };
  }
  const groups = new Map<string, Building>();
  // A group is found by its words (kind, class, via), but those are built once per distinct
  // (kind, class, edge names), not per occurrence: a leak of 10^5 objects notes 10^5 cycles.
  const byKind = { 'closure-self-capture': new Map<number, Map<number, Building>>(), 'same-class-mutual': new Map<number, Map<number, Building>>() };
  const groupOf = (kind: CyclePatternKind, holder: number, viaKey: number, other: number, edges: number[]): Building => {
    let byVia = byKind[kind].get(classOf[holder]);
    if (!byVia) byKind[kind].set(classOf[holder], (byVia = new Map<number, Building>()));
    let b = byVia.get(viaKey);
    if (b) return b;
    const className = names[classOf[holder]];
    const words = viaOf(m, kind, edges);
    const name = groupKey(kind, className, words);
    b = groups.get(name);
    if (!b) {
      b = {
        group: { kind, className, via: words, instances: 0, largestComponent: 0, exampleId: g.nodeId[holder], cyclePath: [], rootPath: [] },
        members: new Set(),
        example: { from: holder, edges, to: other },
      };
      groups.set(name, b);
    }
    byVia.set(viaKey, b);
    return b;
  };
  const notes: PatternNotes = {
    note(kind, holder, viaKey, other, path) {
      const b = groupOf(kind, holder, viaKey, other, path);
      // The newest object makes the example: in a leak it is the one that should already be gone.
      if (g.nodeId[holder] > b.group.exampleId) {
        b.group.exampleId = g.nodeId[holder];
        b.example = { from: holder, edges: path, to: other };
      }
      b.members.add(holder);
      if (kind === 'same-class-mutual') b.members.add(other);
      b.group.largestComponent = Math.max(b.group.largestComponent, size[component[holder]]);
    },
  };
  await forEachCyclePattern(input, found, notes, ticks);

  let componentCount = 0;
  let largestComponent = 0;
  for (let c = 0; c < count; c++) {
    if (size[c] < 2) continue;
    componentCount++;
    largestComponent = Math.max(largestComponent, size[c]);
  }
  const result: CycleGroup[] = [];
  const parentEdge = new Uint32Array(g.nodeCount).fill(UNREACHED);
  for (const b of groups.values()) {
    const { from, edges, to } = b.example;
    const instances = [...b.members].filter((v) => classOf[v] === classOf[from]).length;
    // A self-capturing closure's edges already end where they started: no way back to look for.
    const back = to === from ? null : await pathWithin(m, to, from, component, dataEdges, ticks, parentEdge);
    const steps = [nodeLabel(m, from)];
    for (const e of edges) steps.push(edgeLabel(m, e), nodeLabel(m, g.edgeToNode[e]));
    if (back) for (const e of back) steps.push(edgeLabel(m, e), nodeLabel(m, g.edgeToNode[e]));
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

/**
 * An earlier snapshot's cycles as `trackCycleGrowth` needs them: each group's instances by its words,
 * the same groups `detectCycles` finds, without their examples. The search and the patterns' objects
 * come from `opts.search` (the cycle thread) when given: only the words are made here.
 */
export async function countCycles(m: ParsedSnapshot, scope: CycleScope, opts: Pick<CycleDetectionOptions, 'ticks' | 'search'> = {}): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (scope.holders.length === 0) return counts;
  const input = cycleSearchInput(m, scope);
  const { counted = [] } = await (opts.search ? opts.search(input, true) : searchAndCount(input, true, opts.ticks));
  // Two edge names with the same words (rare) make one group: its objects are counted once.
  const objects = new Map<string, Uint32Array[]>();
  for (const p of counted) {
    const key = groupKey(p.kind, m.classes.names[p.cls], viaOf(m, p.kind, p.edges));
    objects.set(key, [...(objects.get(key) ?? []), p.objects]);
  }
  for (const [key, lists] of objects) counts.set(key, lists.length === 1 ? lists[0].length : new Set(lists.flatMap((l) => [...l])).size);
  return counts;
}

/** `pathWithin`'s mark of a node not reached yet. */
const UNREACHED = 0xffffffff;

/**
 * Shortest followed-edge path from `from` to `to` inside their component (breadth-first, bounded).
 * `parentEdge`: one entry per node, every one `UNREACHED` on entry, and again on return (so that the
 * groups of a snapshot share it: a map of the nodes reached cost ~0.1 s a group on a big component).
 */
async function pathWithin(m: HeapModel, from: number, to: number, component: Int32Array, edges: DataEdges, ticks: CancelTicks, parentEdge: Uint32Array): Promise<number[] | null> {
  const g = m.graph;
  const comp = component[from];
  const queue = [from];
  // `from` is reached by no edge: any value but UNREACHED marks it, and the walk back stops there first.
  parentEdge[from] = 0;
  try {
    for (let head = 0; head < queue.length && queue.length < MAX_CYCLE_SEARCH; head++) {
      if (ticks.due()) await ticks.pause();
      const v = queue[head];
      for (let e = g.firstEdge[v]; e < g.firstEdge[v + 1]; e++) {
        const w = g.edgeToNode[e];
        if (component[w] !== comp || parentEdge[w] !== UNREACHED || !edges.follows(e)) continue;
        parentEdge[w] = e;
        if (w === to) {
          const edges: number[] = [];
          for (let x = to; x !== from; ) {
            const pe = parentEdge[x];
            edges.push(pe);
            x = edgeOwner(g.firstEdge, pe);
          }
          return edges.reverse();
        }
        queue.push(w);
      }
    }
    return null;
  } finally {
    for (const v of queue) parentEdge[v] = UNREACHED;
    parentEdge[to] = UNREACHED;
  }
}

/** Marks, for the groups of the last report, how many instances each earlier snapshot had (`countCycles`, the same scope searched in each). */
export function trackCycleGrowth(earlier: readonly ReadonlyMap<string, number>[], last: CycleReport): CycleReport {
  return {
    ...last,
    groups: last.groups.map((c) => {
      const per = [...earlier.map((counts) => counts.get(groupKey(c.kind, c.className, c.via)) ?? 0), c.instances];
      const grew = per[per.length - 1] - per[0];
      return { ...c, instancesPerSnapshot: per, grows: grew >= MIN_INSTANCES && per.every((x, i) => i === 0 || x >= per[i - 1]) };
    }),
  };
}
