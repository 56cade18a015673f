import type { Worker } from 'node:worker_threads';
import type { CancelTicks } from '../core/cancelPoint';
import type { ThreadScript } from '../core/helperThreads';
import { CancelledError } from '../core/inputError';
import type { CycleSearchInput } from './cycleSearch';
import { searchAndCount, type CycleSearchResult } from './cyclePatterns';
import { idleThreads, startThread } from './idleThreads';
import { isShared } from './sharedMemory';

/** A search as posted to the thread: with `count`, the patterns' objects are counted there too (cyclePatterns.searchAndCount). */
export interface CycleSearchRequest {
  input: CycleSearchInput;
  count: boolean;
}

export type CycleSearchReply = { kind: 'components'; components: CycleSearchResult } | { kind: 'failed'; message: string };

/**
 * The cycle search on a helper thread, so that it runs while the analysis thread runs the other
 * analyses. One thread for the searches of a case, one search at a time (each holds ~24 bytes a
 * node): searches asked for while one runs wait their turn on the thread, answered in order. Anything that goes wrong with the thread (no script, a start-up error, a crash, arrays not
 * on shared memory, which posting would copy) costs only time: the search runs here instead, with
 * its cancel points, and `failure` says why. A cancel ends the thread at once.
 */
export class CycleSearchThread {
  /** Why a search ran here although a thread was asked for; undefined while all is well. */
  failure: string | undefined;
  /** Searches the thread delivered. */
  delivered = 0;
  /** The searches posted and not answered yet, oldest first (the thread answers in order). */
  private readonly waiting: ((c: CycleSearchResult | null) => void)[] = [];
  private readonly onAbort = () => this.close();

  private constructor(
    private worker: Worker | null,
    private readonly signal: AbortSignal | undefined,
  ) {
    worker?.on('message', (reply: CycleSearchReply) => {
      if (reply.kind === 'components') this.delivered++;
      else this.fail(reply.message);
      this.waiting.shift()?.(reply.kind === 'components' ? reply.components : null);
    });
    worker?.on('error', (e: Error) => this.fail(e.message));
    worker?.on('exit', (code) => this.fail(`it exited (code ${code})`));
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  static start(script: ThreadScript | undefined, signal?: AbortSignal): CycleSearchThread {
    if (!script) return new CycleSearchThread(null, signal);
    try {
      // Started while the set's files were read (`HeapSnapshot` loads), when it was: ready now.
      return new CycleSearchThread(idleThreads.takeIdle(script) ?? startThread(script), signal);
    } catch (e) {
      const thread = new CycleSearchThread(null, signal);
      thread.failure = e instanceof Error ? e.message : String(e);
      return thread;
    }
  }

  /** A thread runs the searches (none was asked for, or it failed to start: they run here). */
  get threaded(): boolean {
    return this.worker !== null && this.failure === undefined;
  }

  async search(input: CycleSearchInput, count: boolean, ticks: CancelTicks): Promise<CycleSearchResult> {
    if (this.signal?.aborted) throw new CancelledError();
    const worker = this.worker;
    const shared = [input.nodeType, input.firstEdge, input.edgeType, input.edgeNameOrIndex, input.edgeToNode, input.classOf].every(isShared);
    if (!worker || this.failure !== undefined || !shared) return searchAndCount(input, count, ticks);
    const delivered = new Promise<CycleSearchResult | null>((resolve) => this.waiting.push(resolve));
    try {
      worker.postMessage({ input, count } satisfies CycleSearchRequest);
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
    const components = await delivered;
    if (this.signal?.aborted) throw new CancelledError();
    return components ?? searchAndCount(input, count, ticks);
  }

  close(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    const worker = this.worker;
    this.worker = null;
    // The searches still waited for end now (as cancelled, when that is why).
    this.settleAll();
    void worker?.terminate();
  }

  /** Every search waited for runs here instead (or ends as cancelled). */
  private settleAll(): void {
    for (const resolve of this.waiting.splice(0)) resolve(null);
  }

  private fail(reason: string): void {
    if (!this.worker) return;
    this.failure ??= reason;
    this.settleAll();
  }
}
