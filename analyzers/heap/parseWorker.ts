// Entry of the thread that parses one heap snapshot (parseThread.ts), so that several snapshots of a
// case parse at once on several cores. The big arrays, the string table's too, live in shared memory
// or are transferred: nothing big is copied.
import { parentPort, workerData } from 'node:worker_threads';
import { CancelledError, InputError } from '../core/inputError';
import { openFileSource, type InputLimits } from '../ingest/fileSource';
import { toPosted, type ParseReply } from './parseThread';
import { readHeapSnapshot } from './readHeapSnapshot';
import type { HeapSnapshotData } from './heapGraph';

const port = parentPort;
if (!port) throw new Error('parseWorker must run as a worker thread');
const { path, limits } = workerData as { path: string; limits: InputLimits };
const reply = (message: ParseReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** The buffers of the arrays that are not in shared memory: moved, not copied (each buffer once). */
function transferable(data: HeapSnapshotData): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const trace = data.allocationTrace;
  const locations = data.closureLocations;
  const views: (ArrayBufferView | null)[] = [
    data.nodeType, data.nodeName, data.nodeId, data.nodeSelfSize, data.nodeTraceNodeId, data.nodeDetachedness,
    data.firstEdge, data.edgeType, data.edgeNameOrIndex, data.edgeToNode,
    data.strings.parts.bytes, data.strings.parts.bounds, data.strings.parts.escapes,
    ...(trace ? [trace.functionInfos, trace.traceNodes, trace.traceNodeParent, trace.samples] : []),
    ...(locations ? [locations.node, locations.scriptId, locations.line, locations.column] : []),
  ];
  for (const v of views) if (v && v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
  return [...buffers];
}

async function parse(): Promise<void> {
  const source = await openFileSource(path, limits);
  const signal = new AbortController().signal;
  const data = await readHeapSnapshot(
    source,
    { signal, onProgress: (progress) => reply({ kind: 'progress', progress }) },
    (topology) => reply({ kind: 'topology', topology }),
  );
  // Said before the result: the pipeline starts the next file's parse on this core meanwhile.
  reply({ kind: 'read' });
  reply({ kind: 'parsed', data: toPosted(data), damage: source.damage }, transferable(data));
}

parse().catch((e: unknown) => {
  if (e instanceof InputError) reply({ kind: 'input-error', file: e.file, reason: e.reason, where: e.where });
  else if (!(e instanceof CancelledError)) reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
});
