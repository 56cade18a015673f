// Entry of the thread that loads one heap snapshot, parse and model (parseThread.ts), so that several
// snapshots of a case load at once on several cores. The big arrays live in shared memory or are
// transferred (the string table's too): only the small summaries are copied.
import { parentPort } from 'node:worker_threads';
import { CancelledError, InputError } from '../core/inputError';
import { openFileSource } from '../ingest/fileSource';
import { toPosted, type ParseReply, type ParseRequest, type ParseWorkerData } from './parseThread';
import { loadHeapModel } from './loadHeapModel';

const port = parentPort;
if (!port) throw new Error('parseWorker must run as a worker thread');
const reply = (message: ParseReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** The buffers of the model's arrays that are not in shared memory: moved, not copied (each buffer once). */
function transferable(value: unknown, into = new Set<ArrayBuffer>(), depth = 0): Set<ArrayBuffer> {
  if (typeof value !== 'object' || value === null || depth > 4) return into;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) into.add(value.buffer);
    return into;
  }
  // A list of strings or numbers holds no array.
  if (Array.isArray(value) && typeof value[0] !== 'object') return into;
  for (const v of Object.values(value)) transferable(v, into, depth + 1);
  return into;
}

/** Whether the load under way was told its snapshot is not the last of its set (`ParseOnly.whenNotLast`), and whom to tell. */
let notLast: { told: boolean; tell?: () => void } = { told: false };

async function load({ path, limits, indexScript, parseOnly }: ParseWorkerData): Promise<void> {
  const source = await openFileSource(path, limits);
  const signal = new AbortController().signal;
  const built = await loadHeapModel(
    source,
    { signal, onProgress: (progress) => reply({ kind: 'progress', progress }) },
    indexScript ? { url: new URL(indexScript.href), ...(indexScript.execArgv ? { execArgv: indexScript.execArgv } : {}) } : undefined,
    parseOnly ? { onLastAssignedId: (id) => reply({ kind: 'last-assigned-id', id }), whenNotLast: (tell) => (notLast.told ? tell() : (notLast.tell = tell)) } : undefined,
  );
  // Said before the model: the pipeline starts the next file's load on this core meanwhile.
  reply({ kind: 'read' });
  const posted = toPosted(built);
  reply({ kind: 'built', built: posted, damage: source.damage }, [...transferable(posted.model), posted.edgeNameRoles.buffer as ArrayBuffer]);
}

// One load per message, one after the other: the thread is reused for the case's next file (IdleThreads).
port.on('message', (request: ParseRequest) => {
  if (request.kind === 'not-last') {
    notLast.told = true;
    return notLast.tell?.();
  }
  notLast = { told: false };
  load(request).catch((e: unknown) => {
    if (e instanceof InputError) reply({ kind: 'input-error', file: e.file, reason: e.reason, where: e.where });
    else if (!(e instanceof CancelledError)) reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  });
});
