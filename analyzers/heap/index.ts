import { dueAnalyses, runAnalyses } from '../core/analysisContract';
import type { Capability, InputFormat, LoadContext, LoadedInput } from '../ingest/capability';
import { HEAP_ANALYSES } from './analyses';
import { GraphIndexThread } from './graphIndexes';
import { buildHeapModel, type HeapModel } from './heapModel';
import { progressSpan } from '../core/progress';
import { plural } from '../core/numberFormat';
import { largestObjects } from './largestObjects';
import { parseSnapshot } from './parseThread';
import { orderSnapshots, sameProcess } from './snapshotOrder';
import type { HeapView } from './view';

export type { HeapModel } from './heapModel';
export type { V8AllocationTrace } from './allocationTrace';

/** `{"snapshot":{"meta":` with any JSON whitespace around the tokens, as V8 and DevTools write it. */
const SNAPSHOT_HEAD = /^\uFEFF?\s*\{\s*"snapshot"\s*:\s*\{\s*"meta"\s*:/;

/** File size (gzipped files: compressed) from which the parse, the DFS numbering and the distances run on helper threads. */
const HELPER_THREAD_MIN_BYTES = 16 * 2 ** 20;

export const heapSnapshotFormat: InputFormat<HeapModel> = {
  id: 'v8-heapsnapshot',
  label: 'V8 heap snapshot (.heapsnapshot / .heaptimeline, optionally gzipped)',
  sniff: (head) => SNAPSHOT_HEAD.test(head),
  async load(source, ctx) {
    // A thread's start-up and hand-over cost more than it saves on small snapshots.
    const threaded = source.sizeBytes >= HELPER_THREAD_MIN_BYTES;
    const thread = GraphIndexThread.start(threaded ? ctx.threads?.heapIndexes : undefined);
    let model: HeapModel;
    let parseFailure: string | undefined;
    try {
      // One percentage over the whole load: the parse is about half of it (README, bench:heap).
      const parseCtx = { ...ctx, onProgress: progressSpan(ctx.onProgress, 0, 55) };
      const parsed = await parseSnapshot(source, parseCtx, threaded ? ctx.threads?.heapParse : undefined, (topology) => thread.begin(topology));
      parseFailure = parsed.threadFailure;
      model = await buildHeapModel(parsed.data, { ...ctx, onProgress: progressSpan(ctx.onProgress, 55, 100), indexes: (g) => thread.index(g) });
    } finally {
      thread.close();
    }
    const notices = [];
    if (parseFailure !== undefined) {
      notices.push({ message: `the parse thread failed (${parseFailure}): the snapshot was parsed on the analysis thread instead (same results, slower)` });
    }
    if (thread.failure !== undefined) {
      // The results are complete either way; the user learns why the load took longer than it should.
      notices.push({ message: `the helper thread for the heap indexes failed (${thread.failure}): they were computed on the analysis thread instead (same results, slower)` });
    }
    if (model.dominators.unreachableCount > 0) {
      notices.push({
        message: `${plural(model.dominators.unreachableCount, 'object')} ${model.dominators.unreachableCount === 1 ? 'is' : 'are'} not reachable from the GC roots (garbage not yet collected); they are counted under the root, as DevTools does`,
      });
    }
    return { artifact: model, complete: true, notices };
  },
};

/**
 * All snapshots of a case at once: ordered oldest first by their own object ids, summarized each,
 * then every analysis of `HEAP_ANALYSES` whose needs the case meets (with two or more of one process,
 * comparison and leak detection; cycles in the last one, tracked across all).
 */
export function analyzeHeapSnapshots(inputs: readonly LoadedInput<HeapModel>[], ctx: Pick<LoadContext, 'signal' | 'onProgress'>) {
  const models = orderSnapshots(inputs).map((i) => i.artifact);
  const snapshots = models.map((m) => ({ ...m.summary, largestObjects: largestObjects(m, m.summary) }));
  const last = models[models.length - 1];
  if (!last) return { findings: [], view: { snapshots } };
  const related = models.every((m, i) => i === 0 || sameProcess(models[i - 1], m));
  const { findings, view } = runAnalyses(dueAnalyses(HEAP_ANALYSES, { models, last, related }), { ...ctx, file: last.graph.file });
  return { findings, view: { snapshots, ...view } satisfies HeapView };
}

export const heapCapability: Capability<HeapModel, HeapView, 'heap'> = {
  id: 'heap',
  formats: [heapSnapshotFormat],
  analyze: analyzeHeapSnapshots,
};
