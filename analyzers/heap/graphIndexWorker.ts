// Entry of the helper thread of one snapshot's load (graphIndexes.ts): it may first read the file's
// `edges` section while the calling thread reads the rest, then runs the DFS numbering, the
// retainers and immediate dominators when the calling thread has not started the retainers yet,
// and the root distances, while the calling thread builds the rest and the dominators. The edges are on shared memory, the other
// results are transferred: nothing is copied.
import { parentPort } from 'node:worker_threads';
import { InputError } from '../core/inputError';
import { openFileSource } from '../ingest/fileSource';
import { computeDistances } from './distances';
import { immediateDominators, numberDepthFirst } from './dominators';
import { claimRetainers, type IndexReply, type IndexRequest } from './graphIndexes';
import { typeIds, type GraphTopology } from './heapGraph';
import { readSnapshotEdges } from './readHeapSnapshot';
import { buildRetainers } from './retainers';

if (!parentPort) throw new Error('graphIndexWorker must run as a worker thread');
const port = parentPort;

const buffers = (...arrays: ArrayBufferView[]) => arrays.map((a) => a.buffer as ArrayBuffer);
const reply = (message: IndexReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function readEdges(path: string, limits: Extract<IndexRequest, { kind: 'edges' }>['limits']): Promise<void> {
  try {
    const edges = await readSnapshotEdges(await openFileSource(path, limits), { signal: new AbortController().signal, onProgress: () => undefined });
    reply({ kind: 'edges', edges });
  } catch (e) {
    // Bad input is the calling thread's to report (it reads the section again, and says where);
    // anything else is said as the thread's failure. Either way the indexes may still come from here.
    reply({ kind: 'edges-failed', message: e instanceof Error ? e.message : String(e), badInput: e instanceof InputError });
  }
}

function index(graph: GraphTopology, claim: Int32Array): void {
  try {
    const ids = typeIds(graph);
    const numbering = numberDepthFirst(graph, ids);
    const { dfsNum, vertex, parent, stackNum, stackEdge } = numbering;
    const numberingBuffers = buffers(dfsNum, vertex, parent, stackNum, stackEdge);
    // Before the distances: the calling thread waits for these first (the dominator pass needs them).
    if (claimRetainers(claim, 'helper')) {
      const retainers = buildRetainers(graph, ids);
      // Without the step's scratch (ImmediateDominators.scratch): 12 bytes a node less while the calling thread still parses.
      const idoms = { numbering: immediateDominators(graph.nodeCount, numbering, retainers).numbering };
      reply({ kind: 'retainers', retainers }, buffers(retainers.firstRetainer, retainers.retainerNode));
      reply({ kind: 'dominators', idoms }, numberingBuffers);
    } else reply({ kind: 'numbering', numbering }, numberingBuffers);
    const distances = computeDistances(graph, ids);
    reply({ kind: 'distances', distances }, buffers(distances.distance, distances.parentEdge));
  } catch (e) {
    reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
  port.close();
}

port.on('message', (request: IndexRequest) => {
  if (request.kind === 'edges') void readEdges(request.path, request.limits);
  else index(request.topology, request.claim);
});
