import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { boundFindingText } from '../core/boundedText';
import type { Finding } from '../core/finding';
import type { HelperThreads } from '../core/helperThreads';
import { isCaseFile } from '../case/caseHeader';
import { openCaseFile } from '../case/caseFile';
import { CancelledError, InputError } from '../core/inputError';
import type { ProgressSink } from '../core/progress';
import type { MetricSeries } from '../core/timeSeries';
import type { InputSummary, LoadedInput } from '../ingest/capability';
import type { CaseOptions } from '../ingest/caseOptions';
import type { CaseResult, InputFailure } from '../case/caseResult';
import { savedViews, type AnalysisViews } from '../case/savedViews';
import { openFileSource } from '../ingest/fileSource';
import { inputLimits, readingNotices } from '../ingest/readingNotices';
import { mergeFindings } from '../report/mergeFindings';
import { rssBreakdownFindings } from '../report/rssBreakdown';
import { CaseProgress } from './caseProgress';
import { fileIdentity, type LoadedInputCache } from './loadedInputCache';
import { CAPABILITIES, detectFormat, nearMisses, supportedFormatLabels } from './registry';

export interface RunCaseOptions {
  onProgress: ProgressSink;
  signal: AbortSignal;
  options?: CaseOptions;
  /** The helper-thread scripts of the host running the case (handed to the loaders). */
  threads?: HelperThreads;
  /** Inputs parsed by earlier analyses in this process, reused when the file has not changed. */
  cache?: LoadedInputCache;
  /**
   * Each capability's loaded inputs, once all are loaded: the analysis process keeps the heap
   * snapshots' graphs for the explorer's queries (they are the artifacts analysed, not copies).
   */
  onLoaded?: (capabilityId: string, inputs: readonly LoadedInput<unknown>[]) => void;
}

/**
 * The one pipeline behind the app, the CLI and the browser UI: detect each file's format from its
 * content, stream-parse it, then let every capability analyze all of its artifacts together.
 * A bad file becomes an `InputFailure` naming the file; the other files are still analyzed.
 */
export async function runCase(paths: readonly string[], opts: RunCaseOptions): Promise<CaseResult> {
  const inputs: InputSummary[] = [];
  const failures: InputFailure[] = [];
  const loadedByCapability = new Map<string, LoadedInput<unknown>[]>();
  const add = (capabilityId: string, loaded: LoadedInput<unknown>, summary: InputSummary) => {
    loadedByCapability.set(capabilityId, [...(loadedByCapability.get(capabilityId) ?? []), loaded]);
    inputs.push(summary);
  };
  opts.cache?.retain(paths);
  // The input limits (line size, inflate ratio) change what a load yields: they are part of the key.
  const limits = JSON.stringify(inputLimits(opts.options));
  const identities = await Promise.all(
    paths.map(async (path) => {
      const id = await fileIdentity(path);
      return id === undefined ? undefined : `${id} ${limits}`;
    }),
  );
  // A reused input weighs nothing: the bar measures the work left, not the files.
  const reusable = paths.map((path, i) => (identities[i] === undefined ? undefined : opts.cache?.get(path, identities[i])));
  const sizes = await Promise.all(paths.map((path, i) => (reusable[i] ? Promise.resolve(0) : fileSize(path))));
  const progress = new CaseProgress(opts.onProgress, sizes);

  for (const [i, path] of paths.entries()) {
    throwIfCancelled(opts.signal);
    const cached = reusable[i];
    if (cached) {
      add(cached.capabilityId, cached.loaded, cached.summary);
      continue;
    }
    const step = progress.file(sizes[i]);
    try {
      const source = await openFileSource(path, inputLimits(opts.options));
      if (isCaseFile(source.head)) {
        // A saved case holds every capability's result: it replaces the analysis instead of joining it.
        if (paths.length > 1) throw new InputError(source.name, 'is a saved case: open it on its own, not together with evidence files');
        const saved = await openCaseFile(source, opts.signal);
        return { ...saved.result, reportEdits: saved.edits };
      }
      const detected = detectFormat(source.head, source.headBytes);
      if (!detected) {
        throw new InputError(source.name, unrecognised(source.head, source.headBytes));
      }
      const parsed = await detected.format.load(source, { ...opts, onProgress: step.onProgress });
      throwIfCancelled(opts.signal);
      const reading = readingNotices(source);
      const loaded = { ...parsed, complete: parsed.complete && reading.complete, notices: [...reading.notices, ...parsed.notices] };
      const input = { ...loaded, file: source.name, formatId: detected.format.id };
      const summary: InputSummary = {
        file: source.name,
        formatId: detected.format.id,
        formatLabel: detected.format.label,
        sizeBytes: source.sizeBytes,
        complete: loaded.complete,
        notices: loaded.notices,
      };
      add(detected.capability.id, input, summary);
      const identity = identities[i];
      if (identity !== undefined) opts.cache?.set(path, identity, { capabilityId: detected.capability.id, loaded: input, summary });
      step.done();
    } catch (e) {
      if (e instanceof CancelledError || opts.signal.aborted) throw new CancelledError();
      failures.push(toFailure(path, e));
    }
  }

  const findings: Finding[] = [];
  const views: AnalysisViews = {};
  const series: MetricSeries[] = [];
  const analyzed = CAPABILITIES.filter((c) => loadedByCapability.has(c.id));
  for (const [id, loaded] of loadedByCapability) opts.onLoaded?.(id, loaded);
  for (const [index, capability] of analyzed.entries()) {
    const entries = loadedByCapability.get(capability.id) ?? [];
    throwIfCancelled(opts.signal);
    const result = await capability.analyze(
      entries,
      { onProgress: progress.analysis(index, analyzed.length), signal: opts.signal, options: opts.options ?? {}, earlierFindings: findings, earlierSeries: series },
    );
    findings.push(...result.findings.map(boundFindingText));
    series.push(...(result.series ?? []));
    (views as Record<string, unknown>)[capability.id] = result.view;
  }
  // Evidence that joins two capabilities' views (the timeline's memory captures and the heap's snapshot).
  findings.push(...rssBreakdownFindings(views).map(boundFindingText));
  const merged = mergeFindings(findings);
  return { analyzedAt: new Date().toISOString(), inputs, failures, findings: merged.findings, views: savedViews(pointAtMerged(views, merged.mergedInto)) };
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

async function fileSize(path: string): Promise<number> {
  return stat(path).then((s) => s.size, () => 0);
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
