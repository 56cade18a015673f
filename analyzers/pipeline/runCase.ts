import { availableParallelism, freemem } from 'node:os';
import { basename } from 'node:path';
import { boundFindingText } from '../core/boundedText';
import type { Finding } from '../core/finding';
import type { HelperThreads } from '../core/helperThreads';
import { isCaseFile } from '../case/caseHeader';
import { openCaseFile } from '../case/caseFile';
import { CancelledError, InputError } from '../core/inputError';
import type { ProgressSink } from '../core/progress';
import type { MetricSeries } from '../core/timeSeries';
import { bytes } from '../core/units';
import type { InputSummary, LoadContext, LoadedInput, Siblings } from '../ingest/capability';
import type { CaseOptions } from '../ingest/caseOptions';
import type { CaseResult, InputFailure } from '../case/caseResult';
import { savedViews, type AnalysisViews } from '../case/savedViews';
import { fileIdentity, identityKey, openFileSource, type FileSource } from '../ingest/fileSource';
import { markFromPartialInputs, partialInputs } from '../ingest/partialInputs';
import { inputLimits, readingNotices } from '../ingest/readingNotices';
import { mergeFindings } from '../report/mergeFindings';
import { rssBreakdownFindings } from '../report/rssBreakdown';
import { CaseProgress } from './caseProgress';
import type { CachedInput, LoadedInputCache } from './loadedInputCache';
import { loadedBytes, planLoads, type Machine } from './loadPlan';
import { Slots } from './slots';
import { CAPABILITIES, detectFormat, nearMisses, supportedFormatLabels, type DetectedFormat } from './registry';

export interface RunCaseOptions {
  onProgress: ProgressSink;
  signal: AbortSignal;
  options?: CaseOptions;
  /** The helper-thread scripts of the host running the case (handed to the loaders). */
  threads?: HelperThreads;
  /** Inputs parsed by earlier analyses in this process, reused when the file has not changed. */
  cache?: LoadedInputCache;
  /** The cores and free memory the loads may use (tests); this machine's when absent. */
  machine?: Machine;
  /**
   * Each capability's loaded inputs, once all are loaded: the analysis process keeps the heap
   * snapshots' graphs for the explorer's queries (they are the artifacts analysed, not copies).
   */
  onLoaded?: (capabilityId: string, inputs: readonly LoadedInput<unknown>[]) => void;
}

/** A file to load: opened and its format known, not yet parsed. */
interface OpenedInput {
  path: string;
  /** The cache key (file identity and input limits); absent when the file cannot be stat'ed. */
  identity?: string;
  source: FileSource;
  detected: DetectedFormat;
}

/** What each path of the case became, in the order of the paths. */
type Slot = { reused: CachedInput } | { opened: OpenedInput } | { failure: InputFailure };

/**
 * The one pipeline behind the app, the CLI and the browser UI: detect each file's format from its
 * content, stream-parse the files (several at once, as cores and memory allow), then let every
 * capability analyze all of its artifacts together. A bad file becomes an `InputFailure` naming the
 * file; the other files are still analyzed. Results are in the order of the paths, however the
 * loads interleave.
 */
export async function runCase(paths: readonly string[], opts: RunCaseOptions): Promise<CaseResult> {
  opts.cache?.retain(paths);
  // The input limits (line size, inflate ratio) change what a load yields: they are part of the key.
  const limits = JSON.stringify(inputLimits(opts.options));
  const identities = await Promise.all(
    paths.map(async (path) => {
      const id = await fileIdentity(path);
      return id === null ? undefined : `${identityKey(id)} ${limits}`;
    }),
  );

  const slots: Slot[] = [];
  for (const [i, path] of paths.entries()) {
    throwIfCancelled(opts.signal);
    const identity = identities[i];
    const reused = identity === undefined ? undefined : opts.cache?.get(path, identity);
    if (reused) {
      slots.push({ reused });
      continue;
    }
    try {
      const source = await openFileSource(path, inputLimits(opts.options));
      if (isCaseFile(source.head)) {
        // A saved case holds every capability's result: it replaces the analysis instead of joining it.
        if (paths.length > 1) throw new InputError(source.name, 'is a saved case: open it on its own, not together with evidence files');
        const saved = await openCaseFile(source, opts.signal);
        return { ...saved.result, reportEdits: saved.edits };
      }
      const detected = detectFormat(source.head, source.headBytes);
      if (!detected) throw new InputError(source.name, unrecognised(source.head, source.headBytes));
      slots.push({ opened: { path, identity, source, detected } });
    } catch (e) {
      if (e instanceof CancelledError || opts.signal.aborted) throw new CancelledError();
      slots.push({ failure: toFailure(path, e) });
    }
  }

  // A reused input weighs nothing in the loads (the bar measures the work left) but its analysis does.
  const toLoad = slots.flatMap((s) => ('opened' in s ? [s.opened] : []));
  const progress = new CaseProgress(opts.onProgress);
  const analysisWeight = new Map<string, number>();
  const addAnalysis = (capabilityId: string, weight: number) => analysisWeight.set(capabilityId, (analysisWeight.get(capabilityId) ?? 0) + weight);
  for (const slot of slots) if ('reused' in slot) addAnalysis(slot.reused.capabilityId, slot.reused.summary.sizeBytes);
  toLoad.forEach(({ source, detected }, i) => {
    progress.plan(`load ${i}`, loadedBytes(source));
    addAnalysis(detected.capability.id, loadedBytes(source));
  });
  for (const [id, weight] of analysisWeight) progress.planAnalysis(`analyze ${id}`, weight);

  const plan = planLoads(toLoad.map((o) => o.source), opts.machine ?? { cores: availableParallelism(), freeBytes: bytes(freemem()) });

  // A loader told its input has siblings of its kind may leave to the analysis what only one will need.
  const ofCapability = new Map<string, number>();
  for (const slot of slots) {
    const id = 'reused' in slot ? slot.reused.capabilityId : 'opened' in slot ? slot.opened.detected.capability.id : undefined;
    if (id !== undefined) ofCapability.set(id, (ofCapability.get(id) ?? 0) + 1);
  }
  const siblingsOf = new Map([...ofCapability].filter(([, n]) => n > 1).map(([id, n]): [string, Siblings] => [id, { count: n - 1, readAtOnce: plan.parallel }]));

  // A parse thread pays only when another load runs beside it: alone, it would only add a thread's
  // start and the model's hand-over to the analysis thread.
  const threads = plan.parallel > 1 ? opts.threads : { ...opts.threads, heapParse: undefined };
  const outcomes = new Map<OpenedInput, CachedInput | InputFailure>();
  // A load's core is free again once its thread is done (a heap snapshot's parse thread builds the
  // model too) or, loaded here, once the file is read: the next load starts there while this thread
  // receives or builds the one before.
  const reading = new Slots(plan.parallel);
  const underWay = new Slots(plan.underWay);
  // Largest first: what is left after the last read (its model, then the analyses) runs on one core,
  // so the smallest file's model should be the one that ends the loads.
  const largestFirst = [...toLoad.keys()].sort((a, b) => loadedBytes(toLoad[b].source) - loadedBytes(toLoad[a].source));
  await Promise.all(
    largestFirst.map(async (i) => {
      const input = toLoad[i];
      await underWay.take();
      await reading.take();
      let read = false;
      const onParsed = () => {
        if (read) return;
        read = true;
        reading.give();
      };
      try {
        throwIfCancelled(opts.signal);
        const siblings = siblingsOf.get(input.detected.capability.id);
        outcomes.set(input, await load(input, { ...opts, threads, onParsed, siblings, onProgress: progress.step(`load ${i}`) }));
      } finally {
        onParsed();
        underWay.give();
      }
    }),
  );

  const inputs: InputSummary[] = [];
  const failures: InputFailure[] = [];
  const loadedByCapability = new Map<string, LoadedInput<unknown>[]>();
  let planNotice = plan.notice;
  for (const slot of slots) {
    const outcome = 'reused' in slot ? slot.reused : 'failure' in slot ? slot.failure : outcomes.get(slot.opened);
    if (!outcome) throw new Error('a load ended without an outcome'); // every opened input was loaded above
    if (!('capabilityId' in outcome)) {
      failures.push(outcome);
      continue;
    }
    let summary = outcome.summary;
    if ('opened' in slot) {
      if (slot.opened.identity !== undefined) opts.cache?.set(slot.opened.path, slot.opened.identity, outcome);
      // The plan's notice once, on the first file it concerns (not kept with the reusable input).
      if (planNotice) summary = { ...summary, notices: [...summary.notices, { message: planNotice }] };
      planNotice = undefined;
    }
    inputs.push(summary);
    loadedByCapability.set(outcome.capabilityId, [...(loadedByCapability.get(outcome.capabilityId) ?? []), outcome.loaded]);
  }

  const findings: Finding[] = [];
  const views: AnalysisViews = {};
  const series: MetricSeries[] = [];
  const analyzed = CAPABILITIES.filter((c) => loadedByCapability.has(c.id));
  for (const [id, loaded] of loadedByCapability) opts.onLoaded?.(id, loaded);
  for (const capability of analyzed) {
    const entries = loadedByCapability.get(capability.id) ?? [];
    throwIfCancelled(opts.signal);
    const result = await capability.analyze(
      entries,
      { onProgress: progress.step(`analyze ${capability.id}`), signal: opts.signal, threads: opts.threads, options: opts.options ?? {}, earlierFindings: findings, earlierSeries: series },
    );
    findings.push(...result.findings.map(boundFindingText));
    series.push(...(result.series ?? []));
    for (const { file, notice } of result.inputNotices ?? []) {
      const at = inputs.findIndex((i) => i.file === file);
      // A copy: the summary may be the input cache's, which a later case reuses.
      if (at >= 0) inputs[at] = { ...inputs[at], notices: [...inputs[at].notices, notice] };
    }
    (views as Record<string, unknown>)[capability.id] = result.view;
  }
  // Evidence that joins two capabilities' views (the timeline's memory captures and the heap's snapshot).
  findings.push(...rssBreakdownFindings(views).map(boundFindingText));
  const merged = mergeFindings(findings);
  // After the merge: a finding that joined others names every input it now rests on.
  const marked = markFromPartialInputs(merged.findings, partialInputs(inputs));
  return { analyzedAt: new Date().toISOString(), inputs, failures, findings: marked, views: savedViews(pointAtMerged(views, merged.mergedInto)) };
}

/** One file through its format's loader; a bad file is a failure of its own, a cancel ends the case. */
async function load({ source, detected }: OpenedInput, opts: RunCaseOptions & Pick<LoadContext, 'onParsed' | 'siblings'>): Promise<CachedInput | InputFailure> {
  try {
    const parsed = await detected.format.load(source, opts);
    throwIfCancelled(opts.signal);
    const reading = readingNotices(source);
    const loaded = { ...parsed, complete: parsed.complete && reading.complete, notices: [...reading.notices, ...parsed.notices] };
    return {
      capabilityId: detected.capability.id,
      loaded: { ...loaded, file: source.name, formatId: detected.format.id },
      summary: {
        file: source.name,
        formatId: detected.format.id,
        formatLabel: detected.format.label,
        sizeBytes: source.sizeBytes,
        complete: loaded.complete,
        notices: loaded.notices,
      },
    };
  } catch (e) {
    if (e instanceof CancelledError || opts.signal.aborted) throw new CancelledError();
    return toFailure(source.path, e);
  }
}

/** Timeline markers and bands of a finding that was merged into another open the one it joined. */
function pointAtMerged(views: AnalysisViews, mergedInto: ReadonlyMap<string, string>): AnalysisViews {
  const timeline = views.timeline;
  if (!timeline || mergedInto.size === 0) return views;
  const to = (id: string) => mergedInto.get(id) ?? id;
  return {
    ...views,
    timeline: {
      ...timeline,
      events: timeline.events.map((e) => (e.findingId ? { ...e, findingId: to(e.findingId) } : e)),
      detections: timeline.detections.map((d) => ({ ...d, findingId: to(d.findingId) })),
    },
  };
}

/** Names the format the file nearly was and why; the full list only when it resembles none. */
function unrecognised(head: string, headBytes: Uint8Array): string {
  const near = nearMisses(head, headBytes);
  if (near.length) return `is not a recognised input: it looks like ${near.map((n) => `${n.label} but ${n.reason}`).join('; or like ')}`;
  return `is not a recognised input (none of the ${supportedFormatLabels().length} supported formats; \`aftermath --help\` lists them)`;
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}

function toFailure(path: string, e: unknown): InputFailure {
  if (e instanceof InputError) return { file: e.file, message: e.message };
  const name = basename(path);
  if (e instanceof RangeError && /memory|allocation/i.test(e.message)) {
    return { file: name, message: `${name}: ran out of memory while analyzing (${e.message})` };
  }
  // An unexpected exception is still reported against the file, never swallowed.
  return { file: name, message: `${name}: internal error while analyzing: ${e instanceof Error ? e.message : String(e)}` };
}
