import { CancelTicks } from '../core/cancelPoint';
import type { ThreadScript } from '../core/helperThreads';
import { cycleScope, type CycleScope } from './cycleScope';
import { cycleSearchInput, type CycleSearchInput } from './cycleSearch';
import type { CycleSearchResult } from './cyclePatterns';
import { CycleSearchThread } from './cycleSearchThread';
import type { HeapSnapshotData } from './heapGraph';
import type { ParsedSnapshot } from './heapModel';
import { HELPER_THREAD_MIN_NODES } from './helperThreadSizes';


/**
 * The cycle searches of a case's snapshots and the thread they run on. The search reads only a
 * snapshot's graph and classes, not its indexes: posted `ahead`, as soon as the snapshots are parsed,
 * it runs while the last snapshot is indexed (only the examples' retainer paths need that) and the
 * other analyses run, instead of leaving the thread's work to be waited for after all of them. The
 * last snapshot first: its example paths are the most work left afterwards; the earlier ones count
 * their patterns' objects.
 */
export class CycleSearches {
  private readonly posted = new Map<HeapSnapshotData, Promise<CycleSearchResult>>();

  private constructor(
    readonly scope: CycleScope,
    readonly thread: CycleSearchThread,
    private readonly ticks: CancelTicks,
  ) {}

  /** On a helper thread when the host offers one and the last snapshot has `minNodes`; here otherwise. */
  static start(models: readonly ParsedSnapshot[], script: ThreadScript | undefined, signal: AbortSignal | undefined, minNodes = HELPER_THREAD_MIN_NODES): CycleSearches {
    const scope = cycleScope(models.map((m) => m.summary));
    const last = models[models.length - 1];
    const threaded = scope.holders.length > 0 && last !== undefined && last.graph.nodeCount >= minNodes;
    return new CycleSearches(scope, CycleSearchThread.start(threaded ? script : undefined, signal), new CancelTicks(signal));
  }

  /** Started, and every search posted to the thread now; undefined when there would be no thread to run them. */
  static ahead(models: readonly ParsedSnapshot[], script: ThreadScript | undefined, signal: AbortSignal | undefined, minNodes = HELPER_THREAD_MIN_NODES): CycleSearches | undefined {
    const searches = CycleSearches.start(models, script, signal, minNodes);
    if (!searches.thread.threaded) {
      searches.close();
      return undefined;
    }
    for (const m of [models[models.length - 1], ...models.slice(0, -1)]) {
      const result = searches.thread.search(cycleSearchInput(m, searches.scope), m !== models[models.length - 1], searches.ticks);
      // Taken, and its failure handled, by the analysis (or by nobody, when the case ends before it).
      result.catch(() => undefined);
      searches.posted.set(m.graph, result);
    }
    return searches;
  }

  /** How `m` is searched (`CycleDetectionOptions.search`): its search posted ahead, else one now. */
  searchOf(m: ParsedSnapshot): (input: CycleSearchInput, count: boolean) => Promise<CycleSearchResult> {
    return (input, count) => this.posted.get(m.graph) ?? this.thread.search(input, count, this.ticks);
  }

  close(): void {
    this.thread.close();
  }
}
