import type { Finding } from '../core/finding';
import { severityOf } from '../core/severity';
import { CancelledError } from '../core/inputError';
import type { Capability, InputFormat, LoadContext, LoadedInput } from '../ingest/capability';
import { allocationSiteFinding, allocationSiteView, type SnapshotAllocationSites } from './allocationSiteView';
import { cycleFindings, detectCycles, trackCycleGrowth } from './cycleDetection';
import { detachedNodeFindings, detectDetachedNodes } from './detachedNodes';
import { GraphIndexThread } from './graphIndexes';
import { buildHeapModel, type HeapModel } from './heapModel';
import { largestObjects } from './largestObjects';
import { detectLeaks, leakFindings } from './leakDetection';
import { readHeapSnapshot } from './readHeapSnapshot';
import { compareSnapshots, comparisonFindings } from './snapshotComparison';
import { orderSnapshots, sameProcess } from './snapshotOrder';
import type { HeapView } from './view';

export type { HeapModel } from './heapModel';
export type { V8AllocationTrace } from './allocationTrace';

/** `{"snapshot":{"meta":` with any JSON whitespace around the tokens, as V8 and DevTools write it. */
const SNAPSHOT_HEAD = /^\uFEFF?\s*\{\s*"snapshot"\s*:\s*\{\s*"meta"\s*:/;

/** File size (gzipped files: compressed) from which the DFS numbering and the distances run on a helper thread. */
const HELPER_THREAD_MIN_BYTES = 16 * 2 ** 20;

export const heapSnapshotFormat: InputFormat<HeapModel> = {
  id: 'v8-heapsnapshot',
  label: 'V8 heap snapshot (.heapsnapshot / .heaptimeline, optionally gzipped)',
  sniff: (head) => SNAPSHOT_HEAD.test(head),
  async load(source, ctx) {
    // A thread's start-up and hand-over cost more than it saves on small snapshots.
    const thread = GraphIndexThread.start(source.sizeBytes >= HELPER_THREAD_MIN_BYTES ? ctx.threads?.heapIndexes : undefined);
    let model: HeapModel;
    try {
      const graph = await readHeapSnapshot(source, ctx, (topology) => thread.begin(topology));
      model = await buildHeapModel(graph, { ...ctx, indexes: (g) => thread.index(g) });
    } finally {
      thread.close();
    }
    const notices = [];
    if (thread.failure !== undefined) {
      // The results are complete either way; the user learns why the load took longer than it should.
      notices.push({ message: `the helper thread for the heap indexes failed (${thread.failure}): they were computed on the analysis thread instead (same results, slower)` });
    }
    if (model.dominators.unreachableCount > 0) {
      notices.push({
        message: `${model.dominators.unreachableCount} objects are not reachable from the GC roots (garbage not yet collected); they are counted under the root, as DevTools does`,
      });
    }
    return { artifact: model, complete: true, notices };
  },
};

/**
 * All snapshots of a case at once: ordered oldest first by their own object ids; with two or more
 * of one process, compared and searched for leaks (three-snapshot method when there are three);
 * cycles are looked for in the last one and tracked across all.
 */
export function analyzeHeapSnapshots(inputs: readonly LoadedInput<HeapModel>[], ctx: Pick<LoadContext, 'signal' | 'onProgress'>) {
  const models = orderSnapshots(inputs).map((i) => i.artifact);
  const sources = models.map((m) => m.graph.file);
  const last = models[models.length - 1];
  const view: HeapView = { snapshots: models.map((m) => ({ ...m.summary, largestObjects: largestObjects(m, m.summary) })) };
  const findings: Finding[] = [];
  if (!last) return { findings, view };
  const step = (phase: string, done: number) => {
    if (ctx.signal.aborted) throw new CancelledError();
    ctx.onProgress({ file: last.graph.file, phase, done, total: 3, percent: (done / 3) * 100 });
  };
  const related = models.every((m, i) => i === 0 || sameProcess(models[i - 1], m));
  if (models.length >= 2 && !related) {
    findings.push({
      id: 'heap.snapshots-unrelated.0',
      analysis: 'heap.comparison',
      category: 'input-quality',
      severity: severityOf({}),
      impact: {},
      title: 'The heap snapshots come from different processes: no comparison or leak detection',
      detail: 'Object ids are only stable within one process; these snapshots disagree on what most shared ids are, so matching objects across them would be wrong. Each snapshot is summarized on its own.',
      evidence: [{ label: 'snapshots', value: models.length, unit: 'count' }],
      paths: [],
      suggestedFix: 'Take the baseline, target and final snapshots from the same running process.',
      sources,
    });
  }
  if (models.length >= 2 && related) {
    step('comparison', 0);
    view.comparison = compareSnapshots(models[0], last);
    findings.push(...comparisonFindings(view.comparison));
    step('leak detection', 1);
    const leaks = detectLeaks(models);
    if (leaks) {
      view.leaks = leaks;
      findings.push(...leakFindings(leaks, last.summary.totalBytes, last.summary.totalBytes - models[0].summary.totalBytes));
    }
  }
  const sites = models.map(allocationSiteView).filter((s): s is SnapshotAllocationSites => s !== undefined);
  if (sites.length > 0) {
    view.allocationSites = sites;
    sites.forEach((s, i) => {
      const finding = allocationSiteFinding(s, i);
      if (finding) findings.push(finding);
    });
  }
  step('cycles', 2);
  view.cycles = trackCycleGrowth(related ? models.map(detectCycles) : [detectCycles(last)]);
  if (view.cycles) findings.push(...cycleFindings(view.cycles, related ? sources : [last.graph.file]));
  // Absent, not undefined, when there are none: views cross processes and case files as they are.
  const detached = detectDetachedNodes(last);
  if (detached) {
    view.detachedNodes = detached;
    findings.push(...detachedNodeFindings(detached, last.summary.totalBytes));
  }
  return { findings, view };
}

export const heapCapability: Capability<HeapModel, HeapView, 'heap'> = {
  id: 'heap',
  formats: [heapSnapshotFormat],
  analyze: analyzeHeapSnapshots,
};
