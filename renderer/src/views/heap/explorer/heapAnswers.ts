import type { AftermathApi, JobId } from '../../../../../analyzers/app/api/appApi';
import { FIRST_PAGE_ROWS, type HeapAnswer, type HeapQuery } from '../../../../../analyzers/heap/viewExplorer';

/** Answers kept in the page (each up to ~35 KB): the recent rows' objects and levels, not a copy of the graph. */
const KEPT_ANSWERS = 64;

/**
 * The explorer's questions to the analysis process, each sent once: a question asked again while on
 * its way joins it, and an answer asked for again is the one kept (the case's graphs do not change).
 * Rows ask for what Enter or a click will need as soon as they are focused or hovered (`prefetch`),
 * so a selected object is usually drawn from here in the frame of the key, without the round trip
 * through `aftermath serve` or the Electron IPC.
 */
export class HeapAnswers {
  private readonly kept = new Map<string, HeapAnswer>();
  private readonly asking = new Map<string, Promise<HeapAnswer>>();

  constructor(
    private readonly api: AftermathApi,
    readonly jobId: JobId,
  ) {}

  /** The kept answer to `query`, if any (an error is never kept: asking again may succeed). */
  peek(query: HeapQuery): HeapAnswer | undefined {
    const key = keyOf(query);
    const answer = this.kept.get(key);
    if (answer) {
      // Most recently used last: the oldest is the one dropped.
      this.kept.delete(key);
      this.kept.set(key, answer);
    }
    return answer;
  }

  ask(query: HeapQuery): Promise<HeapAnswer> {
    const key = keyOf(query);
    const answer = this.peek(query);
    if (answer) return Promise.resolve(answer);
    let pending = this.asking.get(key);
    if (!pending) {
      pending = this.send(query).finally(() => this.asking.delete(key));
      pending.then((a) => a.kind !== 'error' && this.keep(key, a), () => undefined);
      this.asking.set(key, pending);
    }
    return pending;
  }

  /** A bridge that throws as it is called (no such member) fails the question, not the caller: a prefetch swallows it. */
  private send(query: HeapQuery): Promise<HeapAnswer> {
    try {
      return this.api.exploreHeap(this.jobId, query);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Asks ahead of need; a failure shows when the answer is really asked for. */
  prefetch(query: HeapQuery): void {
    this.ask(query).catch(() => undefined);
  }

  /**
   * An object found another way (an `@id` filter's match, "show in heap" asked by id alone) is also
   * kept as its own question, the one its panel asks.
   */
  private keep(key: string, answer: HeapAnswer): void {
    this.kept.set(key, answer);
    const found = answer.kind === 'object' ? answer : answer.kind === 'classes' && answer.match ? { kind: 'object' as const, ...answer.match } : undefined;
    if (found) this.kept.set(keyOf(objectQuery(found.snapshot, found.object.id)), found);
    while (this.kept.size > KEPT_ANSWERS) this.kept.delete(this.kept.keys().next().value as string);
  }
}

/** The store of the analysis job `api` shows: one per job, so that what the Heap tabs ask ahead the explorer finds. */
const stores = new WeakMap<AftermathApi, HeapAnswers>();

export function heapAnswersOf(api: AftermathApi, jobId: JobId): HeapAnswers {
  const store = stores.get(api);
  if (store?.jobId === jobId) return store;
  const fresh = new HeapAnswers(api, jobId);
  stores.set(api, fresh);
  return fresh;
}

/** One key per question: the queries are built field by field in one order (objectQuery, …). */
const keyOf = (query: HeapQuery) => JSON.stringify(query);

/** The question that selecting an object asks: its path and first retainers and references. */
export const objectQuery = (snapshot: number, id: number): HeapQuery => ({ kind: 'object', snapshot, id });

/** The class list of a snapshot, by name or `@id` filter. */
export const classesQuery = (snapshot: number, filter: string): HeapQuery => ({ kind: 'classes', snapshot, filter });

/** Objects of a class the object list asks for at a time. */
export const INSTANCE_PAGE = 200;

/** A page of a class's objects, largest retained first; `newSince`: only those that snapshot does not have. */
export const instancesQuery = (snapshot: number, className: string, page: number, newSince: number | undefined): HeapQuery => ({
  kind: 'instances',
  snapshot,
  className,
  offset: page * INSTANCE_PAGE,
  limit: INSTANCE_PAGE,
  newSince,
});

/** Children a tree asks for at a time. */
export const TREE_PAGE = FIRST_PAGE_ROWS;

/** A tree's question for a page of an object's children; `id` undefined: the dominator tree's root. */
export const treeQuery = (kind: 'references' | 'retainers' | 'dominated', snapshot: number, id: number | undefined, offset: number): HeapQuery =>
  kind === 'dominated' ? { kind, snapshot, id, offset, limit: TREE_PAGE } : { kind, snapshot, id: id ?? 0, offset, limit: TREE_PAGE };
