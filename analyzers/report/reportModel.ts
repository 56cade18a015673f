import type { FigureStatus } from '../case/saved/regression';
import type { TrendShape } from '../core/captureTrend';
import type { ReportEdits } from '../case/reportEdits';
import type { EvidenceItem, Finding, FindingCategory, Severity } from '../core/finding';
import type { EpochMillis, Millis } from '../core/units';
import type { InputNotice } from '../ingest/capability';
import type { TimelineEventKind } from '../case/saved/timelineView';
import type { MetricUnit } from '../core/timeSeries';
import type { FlameNode, FlameUnit } from '../case/saved/flameGraph';

/**
 * Bumped on any change a consumer of report.json could notice (a field renamed, removed or retyped).
 * Adding an optional field keeps the version. The schema is analyzers/report/rcaReport.schema.json.
 */
export const REPORT_SCHEMA_VERSION = 1;

/**
 * Findings are referred to by `key`: the finding id, made unique within the report (two inputs of
 * one analysis can yield the same id) and safe to use as an anchor.
 */
export interface FindingRef {
  key: string;
  findingId: string;
  analysis: string;
  category: FindingCategory;
  severity: Severity;
  title: string;
}

export interface TimeWindow {
  startMs: EpochMillis;
  endMs: EpochMillis;
  durationMs: Millis;
}

/** The highest (and lowest) value of one metric, and when: the "peak numbers" of the impact. */
export interface SeriesPeak {
  seriesId: string;
  name: string;
  unit: MetricUnit;
  max: number;
  maxAtMs: EpochMillis;
  min: number;
  minAtMs: EpochMillis;
  first: number;
  last: number;
}

export interface ReportImpact {
  /** From the first detection or finding window to the last; absent when no input carries time. */
  window?: TimeWindow;
  /**
   * `recording` when nothing in the evidence times the incident itself (no metrics, alerts, detections
   * or kills): the window is only when the evidence was captured (a 134 ms allocation log, snapshots
   * taken two hours apart), not how long anyone was hurt.
   */
  windowIs?: 'recording';
  peaks: SeriesPeak[];
  oomKills: number;
  findingsBySeverity: Record<Severity, number>;
  /** The incident's own numbers: growth per hour, OOM kills, how long users saw latency or errors. */
  keyNumbers: EvidenceItem[];
}

/** Why a window of recording is not called the impact (`ReportImpact.windowIs`). */
export const RECORDING_ONLY = 'no metric, alert or kill in it times the impact itself';

/** The impact's count of processes that died of memory: the kernel's or Kubernetes' OOM kills, and a V8 heap stopping at its limit (a Node report), which no OOM killer did. */
export const OOM_DEATHS = 'Processes that ran out of memory (OOM-killed, or aborted at their heap limit)';

/** How the impact section names its window: the incident's, or only when the evidence was recorded. */
export const impactWindowLabel = (impact: ReportImpact): string => (impact.windowIs === 'recording' ? `Evidence recorded (${RECORDING_ONLY})` : 'Window');

export interface ReportDetection {
  firstAlert?: { atMs: EpochMillis; title: string; source: string };
  firstDetection?: { atMs: EpochMillis; label: string; findingKey?: string };
  /** First alert minus impact start: how long the incident ran before a human was told. */
  timeToDetectMs?: Millis;
  /** What Aftermath's own rules found, in time order. */
  detections: { label: string; severity: Severity; startMs: EpochMillis; endMs: EpochMillis; findingKey?: string }[];
}

export type TimelineEntryKind = 'event' | 'detection' | 'finding';

export interface ReportTimelineEntry {
  /** Stable across rebuilds of the same case: the key edits (notes) are stored under. */
  key: string;
  kind: TimelineEntryKind;
  /** Absent for findings that carry no time; they are listed after the timed entries. */
  atMs?: EpochMillis;
  endMs?: EpochMillis;
  /** Event kind (deploy, alert, oom, …) or the finding's severity. */
  tag: TimelineEventKind | Severity;
  title: string;
  source: string;
  /**
   * The same happening as other inputs told it (a chat line at the same second as the event log's
   * entry): one row, not two, with their words kept.
   */
  alsoIn?: { source: string; title: string }[];
  findingKey?: string;
  /** The engineer's note; empty until edited. */
  note: string;
}

/** Which chain of categories made this the root cause (see rootCauseChains.ts). */
export type RootCauseChainId = 'memory-leak' | 'cache-stampede' | 'lock-contention' | 'cascade' | 'other';

export interface ReportRootCause {
  chain: RootCauseChainId;
  /** The chain's name in the user's terms, e.g. "Memory leak". */
  label: string;
  /** The finding that names the cause. */
  finding: FindingRef;
  statement: string;
  /** Every finding of the chain, from every analyzer, the cause's own first. */
  evidence: FindingRef[];
  /** The analyzers that contributed evidence, e.g. heap.leaks, alloc.top-leaks, timeline.growth. */
  analyses: string[];
}

export interface ReportFactor {
  finding: FindingRef;
  /** Set when the factor belongs to a root cause's chain. */
  rootCauseKey?: string;
}

/**
 * A cause's evidence as a report lists it under the cause: without its chain's other mechanisms (a
 * second leak, a cycle), which the report lists once, as that cause's contributing factors.
 */
export function evidenceListed(cause: ReportRootCause, factors: readonly ReportFactor[]): FindingRef[] {
  const factorKeys = new Set(factors.filter((f) => f.rootCauseKey === cause.finding.key).map((f) => f.finding.key));
  return cause.evidence.filter((e) => !factorKeys.has(e.key));
}

export interface FiveWhy {
  question: string;
  answer: string;
  findingKey?: string;
}

export type ActionPriority = 'P0' | 'P1' | 'P2' | 'P3';
export const ACTION_PRIORITIES: readonly ActionPriority[] = ['P0', 'P1', 'P2', 'P3'];

export interface ReportActionItem {
  text: string;
  owner: string;
  priority: string;
  /** The findings whose suggested fix this is; empty for items the engineer added. */
  findingKeys: string[];
}

/** One small-multiple chart: a metric over the incident's shared time axis, with markers and bands. */
export interface ReportChart {
  seriesId: string;
  title: string;
  unit: MetricUnit;
  /** Downsampled (min/max per bucket) to at most a few hundred points; the appendix keeps the stats. */
  t: EpochMillis[];
  v: number[];
}

export interface ReportCharts {
  /** Shared by every chart so markers and bands line up. */
  domain: { startMs: EpochMillis; endMs: EpochMillis };
  charts: ReportChart[];
  /** `endMs` for an event that lasts (an alert's firing window): drawn as a band from `atMs`. */
  markers: { atMs: EpochMillis; endMs?: EpochMillis; kind: TimelineEventKind; title: string }[];
  bands: { startMs: EpochMillis; endMs: EpochMillis; label: string; severity: Severity; seriesIds: string[] }[];
}

/** A finding as the analyzer wrote it, under its report key: the raw numbers behind every link. */
export type AppendixFinding = FindingRef & Pick<Finding, 'detail' | 'evidence' | 'paths' | 'suggestedFix' | 'sources' | 'window'>;

export interface ReportAppendix {
  inputs: { file: string; format: string; sizeBytes: number; complete: boolean; notices: InputNotice[] }[];
  failures: { file: string; message: string }[];
  series: (SeriesPeak & { points: number; mean: number; source: string })[];
  findings: AppendixFinding[];
}

/** The RCA document: what every exporter and the report view render. Plain data, JSON as is. */
export interface RcaReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** When the case was analyzed (the report is a pure function of the case and the edits). */
  analyzedAt: string;
  title: string;
  summary: string;
  impact: ReportImpact;
  detection: ReportDetection;
  timeline: ReportTimelineEntry[];
  /**
   * How times the inputs did not give were placed (a boot time inferred from restarts, a run laid
   * end to end): a reader of the timeline must know which of its times are inferences.
   */
  timelinePlacement?: string[];
  rootCauses: ReportRootCause[];
  contributingFactors: ReportFactor[];
  /** Real but too small to have caused this incident (a few KiB lost at exit, memory still reachable). */
  alsoFound: FindingRef[];
  fiveWhys: FiveWhy[];
  actionItems: ReportActionItem[];
  charts?: ReportCharts;
  /** Quantities over N captures of one process (instances per class over heap snapshots), when there are three or more. */
  trends?: ReportTrendChart[];
  /** The top stacks of the leak reports and lock captures, one icicle per tool. */
  flames?: ReportFlame[];
  /** `aftermath gate`: the comparison with the baseline, when the case was gated. */
  regression?: ReportRegression;
  appendix: ReportAppendix;
  /** Which parts the engineer changed, so a reader knows what is generated and what is written. */
  edited: (keyof ReportEdits)[];
}

/** One compared figure as the report prints it. */
export interface ReportRegressionRow {
  id: string;
  label: string;
  status: FigureStatus;
  baseline: string;
  candidate: string;
  change: string;
  limit: string;
  reason: string;
  /** The candidate files it was read from. */
  sources: string[];
}

/** The gate's comparison in the report: verdict, the noise test used, every figure. */
export interface ReportRegression {
  verdict: 'pass' | 'fail';
  test: string;
  baselineFiles: string[];
  candidateFiles: string[];
  rows: ReportRegressionRow[];
}

/** A finding category in the user's terms (report headings, the Findings tab's groups). */
const CATEGORY_LABELS: Record<FindingCategory, string> = {
  'memory-leak': 'Memory leak',
  'memory-growth': 'Memory growth',
  'circular-reference': 'Circular reference',
  'lock-contention': 'Lock contention',
  'threshold-breach': 'Threshold breach',
  'cache-stampede': 'Cache stampede',
  'pool-exhaustion': 'Connection pool exhaustion',
  'throughput-collapse': 'Throughput collapse',
  'load-test-break': 'Load-test break',
  cascade: 'Cascading failure',
  oom: 'Out of memory',
  'input-quality': 'Input quality',
};

export const labelOf = (category: FindingCategory): string => CATEGORY_LABELS[category];

/** One trend chart: captures in their own order on the x axis, one line per quantity, each with its fit told. */
export interface ReportTrendChart {
  title: string;
  unit: 'count' | 'bytes' | 'seconds';
  /** Capture file names, oldest first. */
  captures: string[];
  /** `container`: a built-in (Array, Map…) that grows with the program classes holding it; shown after them. */
  lines: { name: string; values: number[]; shape: TrendShape; role: 'program' | 'container'; text: string }[];
}

/** The top stacks of one input as an icicle: leaked bytes by allocation stack, or lock wait by stack. */
export interface ReportFlame {
  title: string;
  file: string;
  unit: FlameUnit;
  /** Frames under this value (in `unit`) were merged into one `pruned` node per caller. */
  prunedBelow: number;
  root: FlameNode;
}

