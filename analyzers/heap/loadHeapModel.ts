import type { ThreadScript } from '../core/helperThreads';
import { progressSpan } from '../core/progress';
import type { LoadContext } from '../ingest/capability';
import type { FileSource } from '../ingest/fileSource';
import { GraphIndexThread } from './graphIndexes';
import type { NodeIdColumns } from './heapGraph';
import { buildHeapModel, deriveFromNodes, indexSnapshot, parsedSnapshot, type HeapModel, type NodeDerived, type ParsedSnapshot, type Stepwise } from './heapModel';
import { readHeapSnapshot } from './readHeapSnapshot';
import { lastAssignedId } from './lastAssignedId';
import { readLocationsLeft } from './locationsLeft';

/** A snapshot read (and indexed, unless deferred), with why a helper thread was not used when one was asked for. */
export interface BuiltModel {
  model: ParsedSnapshot | HeapModel;
  /** The index thread failed: the DFS and distances were computed on the loading thread. */
  indexFailure?: string;
  /** The index thread could not read the edges: the loading thread read them. */
  edgesFailure?: string;
}

/** A load that leaves the indexes for later (one snapshot of several, `HeapSnapshot`). */
export interface ParseOnly {
  /** The snapshot's place in its set's order (`lastAssignedId`), told as soon as its nodes are read. */
  onLastAssignedId?: (id: number) => void;
  /**
   * Given the means to say, during the load, that the snapshot is not the last of its set (so will
   * not be indexed by the analysis): its `locations` section, if not reached yet, is then left in the
   * file (`ReadHooks.leaveLocations`).
   */
  whenNotLast?: (tell: () => void) => void;
}

/**
 * One snapshot from file to model on the calling thread (the analysis thread, or a parse thread of
 * the pipeline's, so that several models build at once): a plain file's edges, the largest section,
 * are read on the index thread while this thread reads the rest (and, when done first, computes what
 * needs no edges); the thread then numbers the graph and computes the distances while this one
 * builds the retainers. `parseOnly`: the graph is not indexed (`indexParsedSnapshot` does it later,
 * if it is ever needed, with the `locations` section left in the file until then), and the thread
 * only reads the edges.
 */
export async function loadHeapModel(source: FileSource, ctx: Pick<LoadContext, 'signal' | 'onProgress' | 'onParsed'>, indexScript: ThreadScript | undefined, parseOnly?: ParseOnly): Promise<BuiltModel> {
  const thread = GraphIndexThread.start(indexScript);
  try {
    // One percentage over the whole load: the parse is about half of it (README, bench:heap).
    const parseCtx = { ...ctx, onProgress: progressSpan(ctx.onProgress, 0, parseOnly ? 100 : 55) };
    const asked = source.gzipped ? undefined : thread.parseEdges(source.path, source.limits);
    // Told the nodes, the thread would start its DFS as soon as it has the edges.
    const edges = asked && parseOnly ? { ...asked, nodesRead: () => {} } : asked;
    let fromNodes: Stepwise<NodeDerived> | undefined;
    const begin = parseOnly ? () => {} : (topology: Parameters<GraphIndexThread['begin']>[0]) => thread.begin(topology);
    const tell = parseOnly?.onLastAssignedId;
    const onNodeIds = tell && ((columns: NodeIdColumns) => tell(lastAssignedId(columns)));
    let notLast = false;
    parseOnly?.whenNotLast?.(() => (notLast = true));
    const data = await readHeapSnapshot(source, parseCtx, { onTopology: begin, elsewhere: edges, onNodes: (nodes) => (fromNodes = deriveFromNodes(nodes)), onNodeIds, leaveLocations: parseOnly && (() => notLast) });
    ctx.onParsed?.();
    const model = parseOnly
      ? parsedSnapshot(data, fromNodes)
      : await buildHeapModel(data, { ...ctx, onProgress: progressSpan(ctx.onProgress, 55, 100), indexes: (g) => thread.index(g), fromNodes });
    return { model, indexFailure: thread.failure, edgesFailure: thread.edgesFailure };
  } finally {
    thread.close();
  }
}

/** A parsed snapshot's indexes, with a helper thread for their first half when there is a script for one. */
export async function indexParsedSnapshot(parsed: ParsedSnapshot, ctx: Pick<LoadContext, 'signal' | 'onProgress'>, indexScript: ThreadScript | undefined): Promise<{ model: HeapModel; indexFailure?: string }> {
  await readLocationsLeft(parsed.graph);
  const thread = GraphIndexThread.start(indexScript);
  try {
    const model = await indexSnapshot(parsed, { ...ctx, indexes: (g) => thread.index(g) });
    return { model, indexFailure: thread.failure };
  } finally {
    thread.close();
  }
}
