// Entry of the helper thread of one snapshot's load (graphIndexes.ts): it may first read the file's
// `edges` section while the calling thread reads the rest, then (on its edges and that thread's
// nodes, or on the graph handed over) runs the DFS numbering, the retainers and the root distances
// when the calling thread has not started them yet, and the immediate dominators, while the calling
// thread builds the rest and finishes the dominator pass. The edges and the retainers are on shared
// memory, the other results are transferred: nothing is copied.
import { parentPort } from 'node:worker_threads';
import { InputError } from '../core/inputError';
import { openFileSource } from '../ingest/fileSource';
import { computeDistances } from './distances';
import { immediateDominators, numberDepthFirst } from './dominators';
import { claimTask, type IndexReply, type IndexRequest } from './graphIndexes';
import { typeIds, type GraphTopology } from './heapGraph';
import { readSnapshotEdges } from './readHeapSnapshot';
import { buildRetainers, type RetainerIndex } from './retainers';
import type { ParsedEdges, ShapeBeforeEdges } from './snapshotStreamParser';

if (!parentPort) throw new Error('graphIndexWorker must run as a worker thread');
const port = parentPort;

const buffers = (...arrays: ArrayBufferView[]) => arrays.map((a) => a.buffer as ArrayBuffer);
const reply = (message: IndexReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function readEdges(path: string, limits: Extract<IndexRequest, { kind: 'edges' }>['limits']): Promise<void> {
  try {
    const edges = await readSnapshotEdges(await openFileSource(path, limits), { signal: new AbortController().signal, onProgress: () => undefined });
    reply({ kind: 'edges', edges });
    ownEdges = edges;
    startOnOwnEdges();
  } catch (e) {
    // Bad input is the calling thread's to report (it reads the section again, and says where);
    // anything else is said as the thread's failure. Either way the indexes may still come from here.
    reply({ kind: 'edges-failed', message: e instanceof Error ? e.message : String(e), badInput: e instanceof InputError });
  }
}

/** This thread's edges and the calling thread's nodes (`nodes` request), each once there. */
let ownEdges: ParsedEdges | null = null;
let nodesRead: { shape: ShapeBeforeEdges; claims: Int32Array } | null = null;
let indexing = false;

/** Once, on the first of the two ways to the graph: this thread's edges with the calling thread's nodes, or the hand-over. */
function startIndex(graph: GraphTopology, claims: Int32Array): void {
  if (indexing) return;
  indexing = true;
  ownEdges = null;
  nodesRead = null;
  void index(graph, claims);
}

/** The calling thread found the edges where this thread read them: the graph is whole here, before that thread takes them. */
function startOnOwnEdges(): void {
  if (!ownEdges || !nodesRead || nodesRead.shape.start !== ownEdges.start || nodesRead.shape.end !== ownEdges.end) return;
  startIndex({ ...nodesRead.shape.topology, edgeType: ownEdges.edgeType, edgeToNode: ownEdges.edgeToNode }, nodesRead.claims);
}

/** The retainers the calling thread built, when it claimed them first. */
let deliverRetainers: (retainers: RetainerIndex) => void = () => undefined;
const retainersFromCaller = new Promise<RetainerIndex>((resolve) => (deliverRetainers = resolve));

async function index(graph: GraphTopology, claims: Int32Array): Promise<void> {
  try {
    const ids = typeIds(graph);
    const numbering = numberDepthFirst(graph, ids);
    const { dfsNum, vertex, parent, stackNum, stackEdge } = numbering;
    const numberingBuffers = buffers(dfsNum, vertex, parent, stackNum, stackEdge);
    const distances = (claimed: boolean) => {
      if (!claimed) return;
      const d = computeDistances(graph, ids);
      reply({ kind: 'distances', distances: d }, buffers(d.distance, d.parentEdge));
    };
    if (claimTask(claims, 'retainers', 'helper')) {
      // The calling thread still parses: the retainers (on shared memory, posted without a copy) and
      // idoms first, which it waits for first, without the step's scratch (ImmediateDominators.scratch),
      // which would be held during the rest of the parse.
      const retainers = buildRetainers(graph, ids);
      const idoms = { numbering: immediateDominators(graph.nodeCount, numbering, retainers).numbering };
      // Claimed before the idoms are posted: the calling thread, waiting for them, would take them otherwise.
      const claimed = claimTask(claims, 'distances', 'helper');
      reply({ kind: 'retainers', retainers });
      reply({ kind: 'dominators', idoms }, numberingBuffers);
      distances(claimed);
    } else {
      // The calling thread builds them, then the classes, then the distances while it waits for the
      // idoms, unless they are done first (the distances are wanted only after the dominator pass).
      const idoms = immediateDominators(graph.nodeCount, numbering, await retainersFromCaller);
      const claimed = claimTask(claims, 'distances', 'helper');
      reply({ kind: 'dominators', idoms }, [...numberingBuffers, ...buffers(idoms.scratch.semi, idoms.scratch.forest)]);
      distances(claimed);
    }
  } catch (e) {
    reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
  port.close();
}

port.on('message', (request: IndexRequest) => {
  if (request.kind === 'edges') void readEdges(request.path, request.limits);
  else if (request.kind === 'nodes') {
    nodesRead = request;
    startOnOwnEdges();
  } else if (request.kind === 'topology') startIndex(request.topology, request.claims);
  else deliverRetainers(request.retainers);
});
