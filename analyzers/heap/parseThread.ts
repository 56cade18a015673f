import { Worker } from 'node:worker_threads';
import type { ThreadScript } from '../core/helperThreads';
import { CancelledError, InputError, type InputLocation } from '../core/inputError';
import type { Progress } from '../core/progress';
import type { LoadContext } from '../ingest/capability';
import type { FileSource, ReadDamage } from '../ingest/fileSource';
import type { V8AllocationTrace } from './allocationTrace';
import type { GraphTopology, HeapSnapshotData } from './heapGraph';
import { readHeapSnapshot } from './readHeapSnapshot';
import type { ParsedEdges } from './snapshotStreamParser';
import { StringTable, type StringTableParts } from './stringTable';

/**
 * A parsed snapshot as the parse thread posts it: the string table as its arrays (moved, not
 * copied; a class instance would arrive as a plain object), the allocation trace without its
 * reference to the same table.
 */
export type PostedSnapshot = Omit<HeapSnapshotData, 'strings' | 'allocationTrace'> & {
  strings: StringTableParts;
  allocationTrace: Omit<V8AllocationTrace, 'strings'> | null;
};

export function toPosted(data: HeapSnapshotData): PostedSnapshot {
  const { strings, allocationTrace, ...rest } = data;
  return { ...rest, strings: strings.parts, allocationTrace: allocationTrace && withoutStrings(allocationTrace) };
}

function withoutStrings(trace: V8AllocationTrace): Omit<V8AllocationTrace, 'strings'> {
  const { strings: _shared, ...rest } = trace;
  return rest;
}

function fromPosted(posted: PostedSnapshot): HeapSnapshotData {
  const strings = new StringTable(posted.strings);
  return { ...posted, strings, allocationTrace: posted.allocationTrace && { ...posted.allocationTrace, strings } };
}

export type ParseReply =
  | { kind: 'progress'; progress: Progress }
  | { kind: 'topology'; topology: GraphTopology }
  /** The parse is done; the result follows. */
  | { kind: 'read' }
  | { kind: 'parsed'; data: PostedSnapshot; damage: ReadDamage }
  | { kind: 'input-error'; file: string; reason: string; where: InputLocation }
  | { kind: 'failed'; message: string };

export interface ParsedSnapshot {
  data: HeapSnapshotData;
  /** Why the parse thread could not be used (the file was then parsed on the calling thread). */
  threadFailure?: string;
}

/**
 * Parses a snapshot on a thread of its own (analyzers/heap/parseWorker) when the host offers one, so
 * that the pipeline can parse several snapshots at once; on the calling thread otherwise, or when the
 * thread fails for any reason but bad input (then the same parse runs here and the caller says so).
 * `edgesElsewhere` (without a parse thread): see readHeapSnapshot.
 */
export async function parseSnapshot(
  source: FileSource,
  ctx: LoadContext,
  script: ThreadScript | undefined,
  onTopology: (topology: GraphTopology) => void,
  edgesElsewhere?: Promise<ParsedEdges | null>,
): Promise<ParsedSnapshot> {
  if (!script) return { data: await readHeapSnapshot(source, ctx, onTopology, edgesElsewhere) };
  let threadFailure: string;
  try {
    return { data: await parseOnThread(source, ctx, script, onTopology) };
  } catch (e) {
    if (e instanceof InputError || e instanceof CancelledError) throw e;
    threadFailure = e instanceof Error ? e.message : String(e);
  }
  return { data: await readHeapSnapshot(source, ctx, onTopology), threadFailure };
}

function parseOnThread(source: FileSource, ctx: LoadContext, script: ThreadScript, onTopology: (topology: GraphTopology) => void): Promise<HeapSnapshotData> {
  if (ctx.signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<HeapSnapshotData>((resolve, reject) => {
    const worker = new Worker(script.url, { workerData: { path: source.path, limits: source.limits }, ...(script.execArgv ? { execArgv: script.execArgv } : {}) });
    const end = (settle: () => void) => {
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const onAbort = () => end(() => reject(new CancelledError()));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: ParseReply) => {
      if (reply.kind === 'progress') ctx.onProgress(reply.progress);
      else if (reply.kind === 'topology') onTopology(reply.topology);
      else if (reply.kind === 'read') ctx.onParsed?.();
      else if (reply.kind === 'parsed') {
        // What the thread's read met (a cut gzip stream, invalid UTF-8) is told as if read here.
        Object.assign(source.damage, reply.damage);
        end(() => resolve(fromPosted(reply.data)));
      }
      else if (reply.kind === 'input-error') end(() => reject(new InputError(reply.file, reply.reason, reply.where)));
      else end(() => reject(new Error(reply.message)));
    });
    // A settled promise ignores a second settle: an exit after the reply changes nothing.
    worker.on('error', (e: Error) => end(() => reject(e)));
    worker.on('exit', (code) => end(() => reject(new Error(`the parse thread exited (code ${code}) before delivering`))));
  });
}
