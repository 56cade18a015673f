import type { ThreadScript } from '../core/helperThreads';
import { progressSpan } from '../core/progress';
import type { LoadContext } from '../ingest/capability';
import type { FileSource } from '../ingest/fileSource';
import { GraphIndexThread } from './graphIndexes';
import { buildHeapModel, deriveFromNodes, type HeapModel, type NodeDerived, type Stepwise } from './heapModel';
import { readHeapSnapshot } from './readHeapSnapshot';

/** A snapshot read and indexed, with why a helper thread was not used when one was asked for. */
export interface BuiltModel {
  model: HeapModel;
  /** The index thread failed: the DFS and distances were computed on the loading thread. */
  indexFailure?: string;
  /** The index thread could not read the edges: the loading thread read them. */
  edgesFailure?: string;
}

/**
 * One snapshot from file to model on the calling thread (the analysis thread, or a parse thread of
 * the pipeline's, so that several models build at once): a plain file's edges, the largest section,
 * are read on the index thread while this thread reads the rest (and, when done first, computes what
 * needs no edges); the thread then numbers the graph and computes the distances while this one
 * builds the retainers.
 */
export async function loadHeapModel(source: FileSource, ctx: Pick<LoadContext, 'signal' | 'onProgress' | 'onParsed'>, indexScript: ThreadScript | undefined): Promise<BuiltModel> {
  const thread = GraphIndexThread.start(indexScript);
  try {
    // One percentage over the whole load: the parse is about half of it (README, bench:heap).
    const parseCtx = { ...ctx, onProgress: progressSpan(ctx.onProgress, 0, 55) };
    const edges = source.gzipped ? undefined : thread.parseEdges(source.path, source.limits);
    let fromNodes: Stepwise<NodeDerived> | undefined;
    const data = await readHeapSnapshot(source, parseCtx, (topology) => thread.begin(topology), edges, (nodes) => (fromNodes = deriveFromNodes(nodes)));
    ctx.onParsed?.();
    const model = await buildHeapModel(data, { ...ctx, onProgress: progressSpan(ctx.onProgress, 55, 100), indexes: (g) => thread.index(g), fromNodes });
    return { model, indexFailure: thread.failure, edgesFailure: thread.edgesFailure };
  } finally {
    thread.close();
  }
}
