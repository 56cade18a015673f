import type { Finding } from '../core/finding';
import type { HelperThreads } from '../core/helperThreads';
import type { ProgressSink } from '../core/progress';
import type { MetricSeries } from '../core/timeSeries';
import type { CaseOptions } from './caseOptions';
import type { FileSource } from './fileSource';

/** What the loader of one format is given: where to report progress and when to stop. */
export interface LoadContext {
  onProgress: ProgressSink;
  signal: AbortSignal;
  /** Worker-thread scripts the host offers to loaders that can split their work; none: all inline. */
  threads?: HelperThreads;
  /**
   * Called by a loader once the core it loads on is free again: its file has been read and what
   * remains (a heap snapshot's model loaded here; a thread's result to receive) runs on the calling
   * thread. The pipeline starts the next file's load meanwhile, on the core it freed.
   */
  onParsed?: () => void;
  /**
   * The case's other inputs of the same capability, when it holds any: a loader may leave work that
   * only one of them will need (a heap snapshot's indexes: only the last is analysed in full) to the
   * analysis step.
   */
  siblings?: Siblings;
}

/** One object for all the loads of a capability's inputs in a case: its loaders may key what they share on it. */
export interface Siblings {
  /** How many other inputs of the capability the case holds. */
  readonly count: number;
  /** How many files the case reads at once (`LoadPlan.parallel`): above one, the cores are taken by the loads. */
  readonly readAtOnce: number;
}

/** Something an input file said that is not an error but must not be silently dropped. */
export interface InputNotice {
  message: string;
  line?: number;
}

/** What a loaded file tells the user about itself, whatever its format. */
export interface InputSummary {
  file: string;
  formatId: string;
  formatLabel: string;
  sizeBytes: number;
  /** False when the file was truncated or partly unreadable and the results are partial. */
  complete: boolean;
  notices: InputNotice[];
}

/**
 * One input format: decides from content (never from the extension) and parses to an artifact.
 * `sniff` sees the first 64 KiB (gunzipped) and must be cheap; binary formats read `headBytes`, the
 * same bytes undecoded.
 */
export interface InputFormat<A> {
  id: string;
  label: string;
  sniff(head: string, headBytes?: Uint8Array): boolean;
  /**
   * When no format claims a file: why this one nearly did (`line 3: ts is NaN`), or undefined when
   * the file does not look like it at all. Lets the error name the format and the line.
   */
  nearMiss?(head: string, headBytes?: Uint8Array): string | undefined;
  load(source: FileSource, ctx: LoadContext): Promise<Loaded<A>>;
}

export interface Loaded<A> {
  artifact: A;
  complete: boolean;
  /** What made it incomplete first, when it is: findings drawn from it quote the first notice. */
  notices: InputNotice[];
}

export interface LoadedInput<A> extends Loaded<A> {
  file: string;
  formatId: string;
}

/**
 * What a capability's analysis step is given besides its artifacts: the user's options and what
 * the capabilities that ran before it found (the timeline places their findings in time).
 */
export interface AnalyzeContext extends LoadContext {
  options: CaseOptions;
  earlierFindings: readonly Finding[];
  /** Series the capabilities that ran before lend the timeline (an event log's live bytes). */
  earlierSeries: readonly MetricSeries[];
}

/** The serializable outcome of one capability over all its inputs of a case. */
export interface CapabilityResult<V> {
  findings: Finding[];
  view: V;
  /**
   * Series on the wall clock for the timeline to draw beside the metrics (drawn only, not judged
   * again); handed over by the pipeline so that no capability imports another.
   */
  series?: MetricSeries[];
  /** What the analysis learnt about an input that its load could not tell (added to that input's notices). */
  inputNotices?: { file: string; notice: InputNotice }[];
}

/**
 * A capability (heap, alloc, locks, timeline) owns its formats and one analysis step that sees
 * every artifact of its kind in the case at once (three snapshots make one leak analysis).
 */
export interface Capability<A, V, Id extends string = string> {
  /** The key of its view in the case (`CaseViews`). */
  id: Id;
  formats: InputFormat<A>[];
  analyze(inputs: LoadedInput<A>[], ctx: AnalyzeContext): Promise<CapabilityResult<V>> | CapabilityResult<V>;
}
