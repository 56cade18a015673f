import { Worker } from 'node:worker_threads';
import type { ThreadScript } from '../core/helperThreads';
import { computeDistances, type RootDistances } from './distances';
import type { HeapSnapshotData, TypeIds } from './heapGraph';
import { buildRetainers, type RetainerIndex } from './retainers';

/**
 * The two indexes that the dominator pass does not compute itself: the retainers (its second half
 * needs them) and the distances from the roots (retainer paths need them). Built on a helper thread
 * when the host offers one, so that they cost no time on the thread that computes the dominators.
 */
export interface GraphIndexes {
  retainers(): Promise<RetainerIndex>;
  distances(): Promise<RootDistances>;
}

/** The graph columns the indexes read: on shared memory when a helper thread is to read them. */
export type IndexInput = Pick<HeapSnapshotData, 'nodeCount' | 'edgeCount' | 'nodeType' | 'firstEdge' | 'edgeType' | 'edgeToNode' | 'rootIndex'>;

export interface IndexRequest {
  graph: IndexInput;
  ids: TypeIds;
}

export type IndexReply =
  | { kind: 'retainers'; retainers: RetainerIndex }
  | { kind: 'distances'; distances: RootDistances }
  | { kind: 'failed'; message: string };

/** On the calling thread, each when first asked for (so the retainers before the dominators' second half, as their memory allows). */
export function indexesInline(g: IndexInput, ids: TypeIds): GraphIndexes {
  let retainers: RetainerIndex | undefined;
  let distances: RootDistances | undefined;
  return {
    retainers: async () => (retainers ??= buildRetainers(g, ids)),
    distances: async () => (distances ??= computeDistances(g, ids)),
  };
}

const isShared = (a: ArrayBufferView) => a.buffer instanceof SharedArrayBuffer;

/**
 * A helper thread for one snapshot. It is started before the snapshot is parsed, so that its own
 * start-up (seconds of module loading under a TypeScript loader) overlaps the parse, and is given
 * the graph once parsed. Anything that goes wrong with it (no script, a start-up error, a crash)
 * costs only time: what it did not deliver is computed on the calling thread instead.
 */
export class GraphIndexThread {
  /** What the thread delivered (the rest, if anything, was computed on the calling thread). */
  readonly delivered: IndexReply['kind'][] = [];

  private constructor(private readonly worker: Worker | null) {}

  static start(script: ThreadScript | undefined): GraphIndexThread {
    if (!script) return new GraphIndexThread(null);
    try {
      const worker = new Worker(script.url, script.execArgv ? { execArgv: script.execArgv } : {});
      // Until the graph is posted, a failure has nothing to answer; `index` listens from then on.
      worker.on('error', () => undefined);
      return new GraphIndexThread(worker);
    } catch {
      return new GraphIndexThread(null);
    }
  }

  index(g: IndexInput, ids: TypeIds): GraphIndexes {
    const inline = indexesInline(g, ids);
    const worker = this.worker;
    // Posting arrays on ordinary memory would copy them: not worth a thread.
    if (!worker || ![g.nodeType, g.firstEdge, g.edgeType, g.edgeToNode].every(isShared)) return inline;
    let deliverRetainers!: (r: RetainerIndex | null) => void;
    let deliverDistances!: (d: RootDistances | null) => void;
    const retainers = new Promise<RetainerIndex | null>((resolve) => (deliverRetainers = resolve));
    const distances = new Promise<RootDistances | null>((resolve) => (deliverDistances = resolve));
    const giveUp = () => {
      deliverRetainers(null);
      deliverDistances(null);
    };
    worker.on('message', (reply: IndexReply) => {
      this.delivered.push(reply.kind);
      if (reply.kind === 'retainers') deliverRetainers(reply.retainers);
      else if (reply.kind === 'distances') deliverDistances(reply.distances);
      else giveUp();
    });
    worker.on('error', giveUp);
    worker.on('exit', giveUp);
    const request: IndexRequest = { graph: pickIndexInput(g), ids };
    worker.postMessage(request);
    return {
      retainers: async () => (await retainers) ?? inline.retainers(),
      distances: async () => (await distances) ?? inline.distances(),
    };
  }

  close(): void {
    void this.worker?.terminate();
  }
}

/** Only the columns the thread reads: posting the whole graph would copy its other arrays and the strings. */
function pickIndexInput(g: IndexInput): IndexInput {
  const { nodeCount, edgeCount, nodeType, firstEdge, edgeType, edgeToNode, rootIndex } = g;
  return { nodeCount, edgeCount, nodeType, firstEdge, edgeType, edgeToNode, rootIndex };
}
