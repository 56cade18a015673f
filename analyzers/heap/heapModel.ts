import { cancelPoint, untilCancelled } from '../core/cancelPoint';
import { CancelledError } from '../core/inputError';
import type { ProgressSink } from '../core/progress';
import { classTotals, constructorSummary, retainedByClass, type ClassTotals, type HeapSnapshotSummary, type IndexedSummary } from './constructorSummary';
import type { RootDistances } from './distances';
import { dominatorsFromIdoms, type Dominators } from './dominators';
import { indexesInline, type GraphIndexes } from './graphIndexes';
import { typeIds, type HeapSnapshotData, type TypeIds } from './heapGraph';
import { classifyNodes, type NodeClasses } from './nodeClasses';
import { NodeIdIndex } from './nodeIdIndex';
import type { RetainerIndex } from './retainers';
import type { SnapshotNodes } from './snapshotStreamParser';

/**
 * A snapshot parsed, with what needs only its objects and their names: enough to compare it with
 * other snapshots (ids, classes, counts, shallow sizes). Its summary has no retained sizes.
 */
export interface ParsedSnapshot extends NodeDerived {
  graph: HeapSnapshotData;
  ids: TypeIds;
  summary: HeapSnapshotSummary;
}

/** One loaded snapshot with every index the analyses use: parsed, and its graph indexed. */
export interface HeapModel extends ParsedSnapshot {
  retainers: RetainerIndex;
  dominators: Dominators;
  distances: RootDistances;
  summary: IndexedSummary;
}

export const isIndexed = (m: ParsedSnapshot): m is HeapModel => 'dominators' in m;

/** What needs only the objects and their names, not the edges. */
export interface NodeDerived {
  classes: NodeClasses;
  totals: ClassTotals;
  idIndex: NodeIdIndex;
}

/**
 * In steps (one pass over the nodes each), so that work done while waiting for the edges can stop
 * as soon as they come, and be finished later by whoever needs it.
 */
export function deriveFromNodes(nodes: SnapshotNodes): Stepwise<NodeDerived> {
  return new Stepwise(
    (function* () {
      const ids = typeIds(nodes);
      const classes = classifyNodes(nodes, ids);
      yield;
      const totals = classTotals(nodes, ids, classes);
      yield;
      return { classes, totals, idIndex: NodeIdIndex.build(nodes.nodeId) };
    })(),
  );
}

/** Work done a step at a time, then finished at once by whoever needs its result. */
export class Stepwise<T> {
  private result: { value: T } | null = null;
  constructor(private readonly steps: Generator<void, T>) {}

  /** Takes one step; false once there is none left. */
  step(): boolean {
    if (this.result) return false;
    const next = this.steps.next();
    if (next.done) this.result = { value: next.value };
    return !next.done;
  }

  finish(): T {
    while (this.step());
    return this.result!.value;
  }
}

export interface BuildOptions {
  onProgress?: ProgressSink;
  signal?: AbortSignal;
  /** Where the DFS numbering and the distances come from (a helper thread: GraphIndexThread); inline when absent. */
  indexes?: (g: HeapSnapshotData) => GraphIndexes;
  /** Started while the edges were being read (`readHeapSnapshot`'s `onNodes`), finished here; all here when absent. */
  fromNodes?: Stepwise<NodeDerived>;
}

/** What needs no index: the classes, their totals, the id index and the summary without retained sizes. */
export function parsedSnapshot(graph: HeapSnapshotData, fromNodes = deriveFromNodes(graph)): ParsedSnapshot {
  const derived = fromNodes.finish();
  return { graph, ids: typeIds(graph), ...derived, summary: constructorSummary(graph, derived.classes, derived.totals) };
}

/** Everything after parsing, at once: `indexGraph` with the node-derived work finished where it fits best. */
export function buildHeapModel(graph: HeapSnapshotData, opts: BuildOptions = {}): Promise<HeapModel> {
  return indexGraph(graph, () => parsedSnapshot(graph, opts.fromNodes), opts);
}

/** The indexes of a snapshot parsed earlier (an earlier snapshot of a set, when first needed). */
export function indexSnapshot(parsed: ParsedSnapshot, opts: Omit<BuildOptions, 'fromNodes'> = {}): Promise<HeapModel> {
  return indexGraph(parsed.graph, () => parsed, opts);
}

/**
 * Indexes, dominators, retained sizes, distances and the summary with retained sizes.
 * The retainers, the dominator pass's first half (DFS, immediate dominators) and the distances need
 * only the graph's shape: with a helper thread they run there (started during the parse), the
 * retainers only when it gets to them before this thread does (`GraphIndexes`).
 */
async function indexGraph(graph: HeapSnapshotData, parsed: () => ParsedSnapshot, opts: Omit<BuildOptions, 'fromNodes'>): Promise<HeapModel> {
  const phases = ['retainers', 'depth-first search', 'dominators', 'distances'];
  let step = 0;
  // Each phase runs for seconds on a big snapshot without yielding: a cancel is let in between them.
  const phase = async () => {
    await cancelPoint(opts.signal);
    const name = phases[step];
    opts.onProgress?.({ file: graph.file, phase: name, done: step, total: phases.length, percent: (step / phases.length) * 100 });
    step++;
  };
  const indexes = opts.indexes?.(graph) ?? indexesInline(graph);
  await phase();
  // First: built here, they go on to the helper thread's idoms, while this thread computes what
  // needs the strings; built there, they were ready while this thread was still parsing.
  const retainers = await untilCancelled(indexes.retainers(), opts.signal);
  await phase();
  const base = parsed();
  const { totals } = base;
  const idoms = await untilCancelled(indexes.immediateDominators(retainers), opts.signal);
  await phase();
  // The summary's retained sizes by class walk the dominator tree in the order the dominator pass
  // leaves it, inside that pass (its buffers are reused, so they are let go before the distances').
  const { dominators, result: retained } = dominatorsFromIdoms(graph, idoms, totals.walkKey, (tree) => retainedByClass(totals, tree));
  const summary = constructorSummary(graph, base.classes, totals, retained);
  await phase();
  const distances = await untilCancelled(indexes.distances(), opts.signal);
  if (opts.signal?.aborted) throw new CancelledError();
  opts.onProgress?.({ file: graph.file, phase: 'summary', done: phases.length, total: phases.length, percent: 100 });
  return { ...base, retainers, dominators, distances, summary };
}
