import type { ProgressSink } from '../core/progress';
import type { ThreadScript } from '../core/helperThreads';
import { isIndexed, type HeapModel, type ParsedSnapshot } from './heapModel';
import { indexParsedSnapshot } from './loadHeapModel';

/** What indexing a parsed snapshot is given: a helper thread's script, where to report, when to stop. */
export interface IndexContext {
  indexScript?: ThreadScript;
  onProgress?: ProgressSink;
  signal?: AbortSignal;
}

/**
 * A loaded snapshot as the heap capability holds it: always parsed; indexed (retainers, dominators,
 * distances) as it loads when it is the case's only snapshot, otherwise when first needed — the last
 * of a set by the analysis, an earlier one only when the explorer opens it. Leak detection, the
 * comparison and the trends read only an earlier snapshot's ids and classes, as memlab reads only the
 * node ids of its baseline and target: their dominator passes would be most of a set's extra work.
 */
export class HeapSnapshot {
  private indexing: Promise<HeapModel> | undefined;
  private readonly listeners = new Set<ProgressSink>();
  private readonly tell: ProgressSink = (p) => this.listeners.forEach((sink) => sink(p));
  private done: HeapModel | undefined;
  /** Why the helper thread was not used when this snapshot was indexed after its load. */
  indexFailure: string | undefined;

  constructor(readonly parsed: ParsedSnapshot) {
    if (isIndexed(parsed)) this.done = parsed;
  }

  /** The indexed model, once there is one. */
  get model(): HeapModel | undefined {
    return this.done;
  }

  /**
   * The indexed model, indexed now if it was not yet (once: concurrent callers share the work, and
   * each is told the progress from its call on: the analysis waiting for an indexing the loads began
   * sees its phases).
   */
  index(ctx: IndexContext = {}): Promise<HeapModel> {
    if (this.done) return Promise.resolve(this.done);
    if (ctx.onProgress) this.listeners.add(ctx.onProgress);
    this.indexing ??= indexParsedSnapshot(this.parsed, { onProgress: this.tell, signal: ctx.signal ?? new AbortController().signal }, ctx.indexScript).then(
      ({ model, indexFailure }) => {
        this.done = model;
        this.indexFailure = indexFailure;
        this.listeners.clear();
        return model;
      },
      (e: unknown) => {
        // A cancelled or failed indexing is not remembered: the next caller tries again.
        this.indexing = undefined;
        this.listeners.clear();
        throw e;
      },
    );
    return this.indexing;
  }
}
