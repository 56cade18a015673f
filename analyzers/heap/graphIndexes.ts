import type { Worker } from 'node:worker_threads';
import type { ThreadScript } from '../core/helperThreads';
import type { InputLimits } from '../ingest/fileSource';
import { computeDistances, type RootDistances } from './distances';
import { immediateDominators, numberDepthFirst, type ImmediateDominators } from './dominators';
import { typeIds, type GraphTopology } from './heapGraph';
import { startThread } from './idleThreads';
import { isShared } from './sharedMemory';
import { buildRetainers, type RetainerIndex } from './retainers';
import type { EdgesElsewhere } from './readHeapSnapshot';
import type { ParsedEdges, ShapeBeforeEdges } from './snapshotStreamParser';

/**
 * The passes over the graph's shape that need no strings: the reverse edges (retainers), the
 * dominator pass's first half (DFS numbering, semidominators, immediate dominators) and the
 * distances from the roots (retainer paths need them). On a helper thread when the host offers
 * one, where the DFS starts as soon as the edges are parsed, while this thread still reads the rest
 * of the file. The retainers and the distances are computed by whichever thread is free for them
 * first (`claimTask`); the immediate dominators always on the helper thread, which has the
 * numbering: when this thread built the retainers, it hands them over and meanwhile computes what
 * needs the strings (the classes, their totals, the id index), then, while the idoms are still
 * being computed, the distances.
 */
export interface GraphIndexes {
  /** Asked for once: built here unless the helper thread claimed them first. */
  retainers(): Promise<RetainerIndex>;
  /**
   * After `retainers`. Its arrays are the rest of the dominator pass's scratch, which leaves
   * garbage in them: never cached (a second call computes them again, here). While they are still
   * on their way, this thread, which would only wait, computes the distances.
   */
  immediateDominators(retainers: RetainerIndex): Promise<ImmediateDominators>;
  distances(): Promise<RootDistances>;
}

export type IndexRequest =
  | { kind: 'edges'; path: string; limits: InputLimits }
  | { kind: 'nodes'; shape: ShapeBeforeEdges; claims: Int32Array }
  | { kind: 'topology'; topology: GraphTopology; claims: Int32Array }
  | { kind: 'retainers'; retainers: RetainerIndex };

export type IndexReply =
  | { kind: 'edges'; edges: ParsedEdges }
  | { kind: 'edges-failed'; message: string; badInput: boolean }
  | { kind: 'retainers'; retainers: RetainerIndex }
  | { kind: 'dominators'; idoms: ImmediateDominators }
  | { kind: 'distances'; distances: RootDistances }
  | { kind: 'failed'; message: string };

/** Who computes a shared task: the calling thread or the helper thread. */
export type TaskBuilder = 'caller' | 'helper';

/**
 * The tasks either thread may do, each a slot of the shared claims (`newClaims`). The retainers:
 * the helper thread asks when its DFS is done, the calling thread as soon as it has parsed the file;
 * the helper thread is free first when the calling thread still reads a long string table,
 * otherwise the calling thread builds them while the helper thread still runs its DFS. The
 * distances: the helper thread asks as soon as its idoms are done, before it posts them, the
 * calling thread when it has nothing left to do but wait for them.
 */
const TASK_SLOT = { retainers: 0, distances: 1 } as const;

export const newClaims = (): Int32Array => new Int32Array(new SharedArrayBuffer(4 * Object.keys(TASK_SLOT).length));

/** True for the first of the two threads to ask (an atomic swap on the task's shared slot). */
export const claimTask = (claims: Int32Array, task: keyof typeof TASK_SLOT, by: TaskBuilder): boolean =>
  Atomics.compareExchange(claims, TASK_SLOT[task], 0, by === 'caller' ? 1 : 2) === 0;

/** On the calling thread, each when asked for (so in the order, and with the memory, of a one-thread load). */
export function indexesInline(g: GraphTopology): GraphIndexes {
  const ids = typeIds(g);
  let distances: RootDistances | undefined;
  return {
    retainers: async () => buildRetainers(g, ids),
    immediateDominators: async (retainers) => immediateDominators(g.nodeCount, numberDepthFirst(g, ids), retainers),
    distances: async () => (distances ??= computeDistances(g, ids)),
  };
}


/**
 * A helper thread for one snapshot. It is started before the snapshot is parsed, so that its own
 * start-up (module loading; slower under a TypeScript loader) overlaps the parse, and is given
 * the graph's shape as soon as the parser has it (`begin`). Anything that goes wrong with it (no
 * script, a start-up error, a crash, before or after the hand-over) costs only time: what it did not
 * deliver is computed on the calling thread instead, and `failure` says why.
 */
export class GraphIndexThread {
  /** What the thread delivered (the rest, if anything, was computed on the calling thread). */
  readonly delivered: IndexReply['kind'][] = [];
  /** Why the thread did not deliver everything, once it is known; undefined while all is well. */
  failure: string | undefined;
  /** Why the thread did not read the edges asked for, when it was not bad input (they were read on the calling thread). */
  edgesFailure: string | undefined;
  private pending: GraphIndexes | null = null;
  /** Closed by the loader (done, failed or cancelled): the thread's end is then no reason to compute anything. */
  private closed = false;
  /** This thread claimed the distances (the helper thread then delivers none). */
  private distancesHere = false;
  private readonly idoms = new ScratchDelivery<ImmediateDominators>();
  /** Shared by the thread's two ways to the graph (`nodes`, `topology`): whichever it starts on. */
  private readonly claims = newClaims();
  private deliverRetainers: ((r: RetainerIndex | null) => void) | null = null;
  private deliverDistances: ((d: RootDistances | null) => void) | null = null;
  private deliverEdges: ((e: ParsedEdges | null) => void) | null = null;

  private constructor(private readonly worker: Worker | null) {
    // Listening from the start: a thread that dies before the hand-over must not be waited for.
    worker?.on('message', (reply: IndexReply) => this.receive(reply));
    worker?.on('error', (e: Error) => this.fail(e.message));
    worker?.on('exit', (code) => this.fail(`it exited (code ${code}) before delivering`));
  }

  static start(script: ThreadScript | undefined): GraphIndexThread {
    if (!script) return new GraphIndexThread(null);
    try {
      return new GraphIndexThread(startThread(script));
    } catch (e) {
      const thread = new GraphIndexThread(null);
      thread.failure = e instanceof Error ? e.message : String(e);
      return thread;
    }
  }

  /**
   * Asks the thread to read the (plain, not gzipped) file's `edges` section while the calling thread
   * reads the rest (readHeapSnapshot's `elsewhere`): undefined when there is no thread to ask
   * (the calling thread reads them as usual), edges null when the thread could not (it reads them
   * then). Told the nodes as soon as the calling thread has read the file, the thread starts on the
   * graph as soon as it has its edges too, without waiting for the calling thread to take them and
   * hand the graph over (`begin`: then ignored by the thread). Before `begin`, once.
   */
  parseEdges(path: string, limits: InputLimits): EdgesElsewhere | undefined {
    const worker = this.worker;
    if (!worker || this.failure !== undefined || this.deliverEdges) return undefined;
    const edges = new Promise<ParsedEdges | null>((resolve) => (this.deliverEdges = resolve));
    try {
      worker.postMessage({ kind: 'edges', path, limits } satisfies IndexRequest);
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
    return { edges, nodesRead: (shape) => this.nodesRead(shape) };
  }

  private nodesRead(shape: ShapeBeforeEdges): void {
    // Begun already, the thread has the graph; on ordinary memory the columns would be copied.
    if (this.pending || this.failure !== undefined || ![shape.topology.nodeType, shape.topology.firstEdge].every(isShared)) return;
    this.send({ kind: 'nodes', shape, claims: this.claims });
  }

  /** Hands the graph's shape to the thread (once; later calls are ignored). */
  begin(g: GraphTopology): void {
    this.pending ??= this.post(g);
  }

  /** The indexes of the graph given to `begin`, or of `g` if nothing was begun. */
  index(g: GraphTopology): GraphIndexes {
    this.begin(g);
    return this.pending!;
  }

  close(): void {
    this.closed = true;
    this.deliverEdges?.(null);
    void this.worker?.terminate();
  }

  private post(g: GraphTopology): GraphIndexes {
    const inline = indexesInline(g);
    const worker = this.worker;
    // Posting arrays on ordinary memory would copy them: not worth a thread.
    if (!worker || this.failure !== undefined || ![g.nodeType, g.firstEdge, g.edgeType, g.edgeToNode].every(isShared)) return inline;
    const claims = this.claims;
    try {
      // Called from inside the parser: whatever goes wrong here must not become a parse error.
      worker.postMessage({ kind: 'topology', topology: pickTopology(g), claims } satisfies IndexRequest);
    } catch (e) {
      this.failure = e instanceof Error ? e.message : String(e);
      return inline;
    }
    const retainers = new Promise<RetainerIndex | null>((resolve) => (this.deliverRetainers = resolve));
    const distances = new Promise<RootDistances | null>((resolve) => (this.deliverDistances = resolve));
    return {
      retainers: async () => {
        // A thread that claimed them and then failed delivers null: they are built here after all.
        if (!claimTask(claims, 'retainers', 'caller')) return (await retainers) ?? inline.retainers();
        // On shared memory: posted, they are shared, not copied.
        const built = await inline.retainers();
        this.send({ kind: 'retainers', retainers: built });
        return built;
      },
      immediateDominators: async (r) => {
        // Not claimed yet: the helper thread is still computing the idoms, and this thread would only wait.
        if (claimTask(claims, 'distances', 'caller')) {
          this.distancesHere = true;
          await inline.distances();
        }
        return (await this.idoms.take()) ?? inline.immediateDominators(r);
      },
      distances: async () => (this.distancesHere ? inline.distances() : ((await distances) ?? inline.distances())),
    };
  }

  private receive(reply: IndexReply): void {
    this.delivered.push(reply.kind);
    if (reply.kind === 'edges') this.deliverEdges?.(reply.edges);
    else if (reply.kind === 'edges-failed') {
      if (!reply.badInput) this.edgesFailure = reply.message;
      this.deliverEdges?.(null);
    } else if (reply.kind === 'retainers') this.deliverRetainers?.(reply.retainers);
    else if (reply.kind === 'dominators') this.idoms.deliver(reply.idoms);
    else if (reply.kind === 'distances') this.deliverDistances?.(reply.distances);
    else this.fail(reply.message);
  }

  private send(request: IndexRequest): void {
    try {
      this.worker?.postMessage(request);
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  /** Whatever is still awaited is computed inline (a settled promise ignores the second resolve). */
  private fail(reason: string): void {
    if (this.closed || (this.delivered.includes('dominators') && (this.distancesHere || this.delivered.includes('distances')))) return;
    this.failure ??= reason;
    this.deliverEdges?.(null);
    this.deliverRetainers?.(null);
    this.idoms.deliver(null);
    this.deliverDistances?.(null);
  }
}

/**
 * One of the thread's results that the dominator pass uses as scratch and frees in the pass: taken
 * once (a second take is null: the caller computes its own), and held by nothing here once taken,
 * or it would stay alive, tens of MB, through the peak of the load.
 */
class ScratchDelivery<T> {
  private resolve: ((value: T | null) => void) | null = null;
  private promise: Promise<T | null> | null = new Promise((resolve) => (this.resolve = resolve));

  /** The first delivery counts (a failure after it delivers null, which is ignored). */
  deliver(value: T | null): void {
    this.resolve?.(value);
    this.resolve = null;
  }

  take(): Promise<T | null> {
    const promise = this.promise ?? Promise.resolve(null);
    this.promise = null;
    return promise;
  }
}

/** Only the shape: posting a whole parsed graph would copy its other arrays and the strings. */
function pickTopology(g: GraphTopology): GraphTopology {
  const { nodeCount, edgeCount, nodeTypes, edgeTypes, nodeType, firstEdge, edgeType, edgeToNode, rootIndex } = g;
  return { nodeCount, edgeCount, nodeTypes, edgeTypes, nodeType, firstEdge, edgeType, edgeToNode, rootIndex };
}
