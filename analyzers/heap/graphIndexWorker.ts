// Entry of the helper thread that builds a snapshot's retainers and root distances while the
// calling thread computes its dominators (graphIndexes.ts). Each result is transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { computeDistances } from './distances';
import type { IndexReply, IndexRequest } from './graphIndexes';
import { buildRetainers } from './retainers';

const port = parentPort;
if (!port) throw new Error('graphIndexWorker must run as a worker thread');

port.once('message', ({ graph, ids }: IndexRequest) => {
  const reply = (message: IndexReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    const retainers = buildRetainers(graph, ids);
    reply({ kind: 'retainers', retainers }, [retainers.firstRetainer.buffer as ArrayBuffer, retainers.retainerNode.buffer as ArrayBuffer]);
    const distances = computeDistances(graph, ids);
    reply({ kind: 'distances', distances }, [distances.distance.buffer as ArrayBuffer, distances.parentEdge.buffer as ArrayBuffer]);
  } catch (e) {
    reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
  port.close();
});
