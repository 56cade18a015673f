import { dueAnalyses, runAnalyses } from '../core/analysisContract';
import type { AnalyzeContext, Capability, CapabilityResult, InputFormat, InputNotice, LoadContext, LoadedInput } from '../ingest/capability';
import { CodeLocator } from './codeLocations';
import { readSourceMapFiles } from './sourceMapFiles';
import { SourceMaps } from './sourceMaps';
import { HEAP_ANALYSES } from './analyses';
import { isIndexed, type HeapModel, type ParsedSnapshot } from './heapModel';
import { HeapSnapshot } from './heapSnapshot';
import { plural } from '../core/numberFormat';
import { cutSnapshotNotice, markFromCutSnapshots } from './cutSnapshot';
import { largestObjects } from './largestObjects';
import { SharedIds } from './sharedIds';
import { CycleSearches } from './cycleSearches';
import { SnapshotSetLoads } from './setLoads';
import type { HelperThreads, ThreadScript } from '../core/helperThreads';
import { HELPER_THREAD_MIN_BYTES, HELPER_THREAD_MIN_NODES } from './helperThreadSizes';
import { loadSnapshot } from './parseThread';
import { idleThreads, PRESTART_IDLE_MS } from './idleThreads';
import { orderSnapshots, sameProcess } from './snapshotOrder';
import { snapshotTimeFromName } from './snapshotTime';
import { formatUtc } from '../core/timeFormat';
import { progressSpan } from '../core/progress';
import type { HeapView } from './view';

export type { HeapModel } from './heapModel';
export { HeapSnapshot } from './heapSnapshot';
export type { V8AllocationTrace } from './allocationTrace';

/** `{"snapshot":{"meta":` with any JSON whitespace around the tokens, as V8 and DevTools write it. */
const SNAPSHOT_HEAD = /^\uFEFF?\s*\{\s*"snapshot"\s*:\s*\{\s*"meta"\s*:/;


export const heapSnapshotFormat: InputFormat<HeapSnapshot> = {
  id: 'v8-heapsnapshot',
  label: 'V8 heap snapshot (.heapsnapshot / .heaptimeline, optionally gzipped)',
  sniff: (head) => SNAPSHOT_HEAD.test(head),
  async load(source, ctx) {
    // A thread's start-up and hand-over cost more than it saves on small snapshots.
    const threaded = source.sizeBytes >= HELPER_THREAD_MIN_BYTES;
    // One of several snapshots: parsed only, indexed if it turns out to be the last (`HeapSnapshot`).
    const { siblings } = ctx;
    // Read beside other files (memory allowed it), the cores are taken by the reads: a thread reading
    // the edges would only compete with them (bench set: +0.25–0.5 s CPU a snapshot, no wall time won).
    // The last snapshot is indexed as soon as the set knows which it is (`SnapshotSetLoads`), on the
    // analysis thread alone, idle while the files are read on theirs (with an index thread as well,
    // the bench set took about 0.2 s longer: three threads on two cores, one of them cold).
    const beside = siblings !== undefined && siblings.readAtOnce > 1;
    // A set's cycle searches come once every file is read: their thread starts now, while a core has
    // room (the loads' first moments), instead of on the analysis's critical path (~0.1 s).
    const cycles = ctx.threads?.heapCycles;
    if (threaded && siblings !== undefined && cycles) idleThreads.prestart(cycles, PRESTART_IDLE_MS);
    const member = beside ? SnapshotSetLoads.of(siblings, (s) => void s.index({ signal: ctx.signal }).catch(() => {})).join(source.name) : undefined;
    const { model, threadFailure, indexFailure, edgesFailure } = await loadSnapshot(
      source,
      ctx,
      threaded ? ctx.threads?.heapParse : undefined,
      threaded && !beside ? ctx.threads?.heapIndexes : undefined,
      siblings && { onLastAssignedId: member?.placed, whenNotLast: member?.whenNotLast },
    );
    const notices = [];
    if (threadFailure !== undefined) {
      notices.push({ message: `the parse thread failed (${threadFailure}): the snapshot was parsed on the analysis thread instead (same results, slower)` });
    }
    if (indexFailure !== undefined) {
      notices.push(indexThreadNotice(indexFailure));
    }
    if (edgesFailure !== undefined) {
      notices.push({ message: `the helper thread could not read the snapshot's edges (${edgesFailure}): they were read on the analysis thread instead (same results, slower)` });
    }
    const taken = snapshotTimeFromName(source.name);
    if (taken) {
      notices.push({
        message: `taken at ${formatUtc(taken.atMs).replace(' UTC', '')}, read from its ${taken.namedBy === 'node' ? "Node" : 'DevTools'} default file name: the recording machine's local time, of unknown zone (read as UTC; rates between snapshots do not depend on it)`,
      });
    }
    const cut = model.graph.truncation;
    if (cut) notices.push(cutSnapshotNotice(cut, source.gzipped));
    const artifact = new HeapSnapshot(model);
    member?.loaded(artifact);
    return { artifact, complete: cut === undefined, notices };
  },
};

/**
 * All snapshots of a case at once: ordered oldest first by their own object ids, summarized each,
 * then every analysis of `HEAP_ANALYSES` whose needs the case meets (with two or more of one process,
 * comparison and leak detection; cycles in the last one, tracked across all).
 */
export async function analyzeHeapSnapshots(inputs: readonly LoadedInput<HeapSnapshot>[], ctx: Pick<LoadContext, 'signal' | 'onProgress' | 'threads'>, sourceMaps = new SourceMaps()): Promise<CapabilityResult<HeapView>> {
  const locator = new CodeLocator(sourceMaps);
  const locate = (m: HeapModel, node: number) => locator.locate(m, node);
  const ordered = orderSnapshots(inputs).map((i) => i.artifact);
  const lastSnapshot = ordered[ordered.length - 1];
  if (!lastSnapshot) return { findings: [], view: { snapshots: [] } };
  const parsed = ordered.map((s) => s.model ?? s.parsed);
  const related = parsed.every((m, i) => i === 0 || sameProcess(parsed[i - 1], m));
  // The last snapshot's indexes (loaded as one of several, it was only parsed, and may be indexed
  // already: `SnapshotSetLoads`): a fifth of the step. Meanwhile, and while the other analyses run,
  // the cycle searches, which need none, run on their thread.
  const indexing = lastSnapshot.model ? undefined : progressSpan(ctx.onProgress, 0, 20);
  const cycleSearches = related && parsed.length >= 2 ? CycleSearches.ahead(parsed, ctx.threads?.heapCycles, ctx.signal) : undefined;
  try {
    const last = await lastSnapshot.index({ signal: ctx.signal, onProgress: indexing, indexScript: indexScriptFor(lastSnapshot.parsed, ctx.threads) });
    const models: ParsedSnapshot[] = [...parsed.slice(0, -1), last];
    // An earlier snapshot that was not indexed has no retained sizes, so no largest objects either.
    const snapshots = models.map((m) => (isIndexed(m) ? { ...m.summary, largestObjects: largestObjects(m, m.summary, locate) } : m.summary));
    const times = models.map((m) => snapshotTimeFromName(m.graph.file));
    const analysing = indexing ? progressSpan(ctx.onProgress, 20, 100) : ctx.onProgress;
    const subject = { models, last, related, times, locator, shared: new SharedIds(), threads: ctx.threads, cycleSearches };
    const { findings, view } = await runAnalyses(dueAnalyses(HEAP_ANALYSES, subject), { signal: ctx.signal, onProgress: analysing, file: last.graph.file });
    const cut = new Map(models.flatMap((m) => (m.graph.truncation ? [[m.graph.file, m.graph.truncation] as const] : [])));
    const { use } = sourceMaps;
    const indexedLate = lastSnapshot.indexFailure === undefined ? [] : [{ file: last.graph.file, notice: indexThreadNotice(lastSnapshot.indexFailure) }];
    return {
      inputNotices: [...indexedLate, ...models.filter(isIndexed).flatMap(unreachableNotice)],
      findings: markFromCutSnapshots(findings, cut),
      view: { snapshots, ...view, ...(use.applied.length || use.problems.length ? { sourceMaps: use } : {}) },
    };
  } finally {
    cycleSearches?.close();
  }
}

/** The index thread's script when the snapshot is big enough to pay for a thread. */
function indexScriptFor(parsed: ParsedSnapshot, threads: HelperThreads | undefined): ThreadScript | undefined {
  return parsed.graph.nodeCount >= HELPER_THREAD_MIN_NODES ? threads?.heapIndexes : undefined;
}

/** The results are complete either way; the user learns why the analysis took longer than it should. */
function indexThreadNotice(reason: string): InputNotice {
  return { message: `the helper thread for the heap indexes failed (${reason}): they were computed on the analysis thread instead (same results, slower)` };
}

/** Known once the snapshot is indexed (an earlier snapshot of a set, parsed only, has none to tell). */
function unreachableNotice(m: HeapModel): { file: string; notice: InputNotice }[] {
  const n = m.dominators.unreachableCount;
  if (n === 0) return [];
  return [{ file: m.graph.file, notice: { message: `${plural(n, 'object')} ${n === 1 ? 'is' : 'are'} not reachable from the GC roots (garbage not yet collected); they are counted under the root, as DevTools does` } }];
}

/** The analysis step with the source maps the user named (`CaseOptions.sourceMaps`) read first. */
async function analyzeWithSourceMaps(inputs: LoadedInput<HeapSnapshot>[], ctx: AnalyzeContext) {
  const given = await readSourceMapFiles(ctx.options.sourceMaps ?? []);
  return analyzeHeapSnapshots(inputs, ctx, new SourceMaps(given.maps, given.problems));
}

export const heapCapability: Capability<HeapSnapshot, HeapView, 'heap'> = {
  id: 'heap',
  formats: [heapSnapshotFormat],
  analyze: analyzeWithSourceMaps,
};
