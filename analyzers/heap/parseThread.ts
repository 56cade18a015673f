import type { ThreadScript } from '../core/helperThreads';
import { CancelledError, InputError, type InputLocation } from '../core/inputError';
import type { Progress } from '../core/progress';
import type { LoadContext } from '../ingest/capability';
import type { FileSource, ReadDamage } from '../ingest/fileSource';
import type { V8AllocationTrace } from './allocationTrace';
import { edgeNameRoles, rememberEdgeNameRoles } from './cycleSearch';
import type { HeapSnapshotData } from './heapGraph';
import type { HeapModel, ParsedSnapshot } from './heapModel';
import { loadHeapModel, type BuiltModel, type ParseOnly } from './loadHeapModel';
import { NodeIdIndex } from './nodeIdIndex';
import { idleThreads } from './idleThreads';
import { StringTable, type StringTableParts } from './stringTable';

/** A thread script as it crosses to a thread (a URL object does not survive the copy). */
export interface PostedScript {
  href: string;
  execArgv?: string[];
}

export interface ParseWorkerData {
  path: string;
  limits: FileSource['limits'];
  indexScript?: PostedScript;
  /** Parse only: the graph is indexed later, if ever (`HeapSnapshot`); its last assigned id is told. */
  parseOnly: boolean;
}

/** What the pipeline posts to a parse thread: a load, or, during a parse-only one, `ParseOnly.whenNotLast`'s news. */
export type ParseRequest = ({ kind: 'load' } & ParseWorkerData) | { kind: 'not-last' };

/**
 * A snapshot's graph as a thread posts it: the string table as its arrays (moved, not copied; a
 * class instance would arrive as a plain object), the allocation trace without its reference to the
 * same table.
 */
type PostedGraph = Omit<HeapSnapshotData, 'strings' | 'allocationTrace'> & {
  strings: StringTableParts;
  allocationTrace: Omit<V8AllocationTrace, 'strings'> | null;
};

/**
 * A built model as the parse thread posts it (its graph as `PostedGraph`), with its string table's
 * edge-name roles (cycleSearch), computed there while the other snapshots load.
 */
export type PostedModel = Omit<BuiltModel, 'model'> & { model: Posted<ParsedSnapshot> | Posted<HeapModel>; edgeNameRoles: Uint8Array };
type Posted<M extends ParsedSnapshot> = Omit<M, 'graph'> & { graph: PostedGraph };

export function toPosted(built: BuiltModel): PostedModel {
  const { strings, allocationTrace, ...rest } = built.model.graph;
  const trace = allocationTrace && (({ strings: _shared, ...noStrings }) => noStrings)(allocationTrace);
  // The marks have served: the roles made of them go instead.
  const { marked: _roles, ...parts } = strings.parts;
  return { ...built, model: { ...built.model, graph: { ...rest, strings: parts, allocationTrace: trace } }, edgeNameRoles: edgeNameRoles(strings) };
}

function fromPosted({ edgeNameRoles: roles, ...posted }: PostedModel): BuiltModel {
  const { graph, idIndex } = posted.model;
  const strings = new StringTable(graph.strings);
  rememberEdgeNameRoles(strings, roles);
  const allocationTrace = graph.allocationTrace && { ...graph.allocationTrace, strings };
  return { ...posted, model: { ...posted.model, graph: { ...graph, strings, allocationTrace }, idIndex: NodeIdIndex.revive(idIndex) } };
}

export type ParseReply =
  | { kind: 'progress'; progress: Progress }
  /** Parse only: `ParseOnly.onLastAssignedId`. */
  | { kind: 'last-assigned-id'; id: number }
  /** The thread's work is done; the model follows. */
  | { kind: 'read' }
  | { kind: 'built'; built: PostedModel; damage: ReadDamage }
  | { kind: 'input-error'; file: string; reason: string; where: InputLocation }
  | { kind: 'failed'; message: string };

export interface LoadedSnapshot extends BuiltModel {
  /** Why the parse thread could not be used (the snapshot was then loaded on the calling thread). */
  threadFailure?: string;
}

/**
 * Loads a snapshot — parse and model — on a thread of its own (analyzers/heap/parseWorker) when the
 * host offers one, so that the pipeline builds several models at once and the analysis thread only
 * receives them; on the calling thread otherwise, or when the thread fails for any reason but bad
 * input (then the same load runs here and the caller says so).
 */
export async function loadSnapshot(source: FileSource, ctx: LoadContext, script: ThreadScript | undefined, indexScript: ThreadScript | undefined, parseOnly?: ParseOnly): Promise<LoadedSnapshot> {
  if (!script) return loadHeapModel(source, ctx, indexScript, parseOnly);
  let threadFailure: string;
  try {
    return await loadOnThread(source, ctx, script, indexScript, parseOnly);
  } catch (e) {
    if (e instanceof InputError || e instanceof CancelledError) throw e;
    threadFailure = e instanceof Error ? e.message : String(e);
  }
  return { ...(await loadHeapModel(source, ctx, indexScript, parseOnly)), threadFailure };
}

async function loadOnThread(source: FileSource, ctx: LoadContext, script: ThreadScript, indexScript: ThreadScript | undefined, parseOnly?: ParseOnly): Promise<BuiltModel> {
  if (ctx.signal.aborted) throw new CancelledError();
  const job: ParseRequest = { kind: 'load', path: source.path, limits: source.limits, parseOnly: parseOnly !== undefined, ...(indexScript ? { indexScript: { href: indexScript.url.href, execArgv: indexScript.execArgv } } : {}) };
  const worker = await idleThreads.take(script);
  return new Promise<BuiltModel>((resolve, reject) => {
    // Settled once the thread has said `read`: whether it can take the next load.
    let reusable = (_ok: boolean) => {};
    let ended = false;
    const end = (settle: () => void, reuse = false) => {
      ended = true;
      ctx.signal.removeEventListener('abort', onAbort);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (!reuse) void worker.terminate();
      reusable(reuse);
      settle();
    };
    const onAbort = () => end(() => reject(new CancelledError()));
    const onMessage = (reply: ParseReply) => {
      if (reply.kind === 'progress') ctx.onProgress(reply.progress);
      else if (reply.kind === 'last-assigned-id') parseOnly?.onLastAssignedId?.(reply.id);
      else if (reply.kind === 'read') {
        idleThreads.finishing(script, worker, new Promise<boolean>((r) => (reusable = r)));
        ctx.onParsed?.();
      } else if (reply.kind === 'built') {
        // What the thread's read met (a cut gzip stream, invalid UTF-8) is told as if read here.
        Object.assign(source.damage, reply.damage);
        end(() => resolve(fromPosted(reply.built)), true);
      } else if (reply.kind === 'input-error') end(() => reject(new InputError(reply.file, reply.reason, reply.where)));
      else end(() => reject(new Error(reply.message)));
    };
    const onError = (e: Error) => end(() => reject(e));
    const onExit = (code: number) => end(() => reject(new Error(`the parse thread exited (code ${code}) before delivering`)));
    if (ctx.signal.aborted) return end(() => reject(new CancelledError()));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job);
    // Not posted once the load has ended: the thread may have taken the next file's.
    parseOnly?.whenNotLast?.(() => ended || worker.postMessage({ kind: 'not-last' } satisfies ParseRequest));
  });
}
