// Entry of the helper thread that runs a snapshot's DFS numbering and root distances while the
// calling thread reads the rest of the file and builds the retainers and dominators
// (graphIndexes.ts). Each result is transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { computeDistances } from './distances';
import { numberDepthFirst } from './dominators';
import type { IndexReply } from './graphIndexes';
import { typeIds, type GraphTopology } from './heapGraph';

const port = parentPort;
if (!port) throw new Error('graphIndexWorker must run as a worker thread');

const buffers = (...arrays: ArrayBufferView[]) => arrays.map((a) => a.buffer as ArrayBuffer);

port.once('message', (graph: GraphTopology) => {
  const reply = (message: IndexReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    const ids = typeIds(graph);
    const numbering = numberDepthFirst(graph, ids);
    const { dfsNum, vertex, parent, stackNum, stackEdge } = numbering;
    reply({ kind: 'numbering', numbering }, buffers(dfsNum, vertex, parent, stackNum, stackEdge));
    const distances = computeDistances(graph, ids);
    reply({ kind: 'distances', distances }, buffers(distances.distance, distances.parentEdge));
  } catch (e) {
    reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
  port.close();
});
