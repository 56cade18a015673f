import type { Bytes, EpochMillis, Millis } from '../../core/units';
import type { Severity } from './finding';

/*
 * The timeline view as a case file saves it (the `views` row `timeline`). analyzers/timeline/view.ts
 * and core/timeSeries.ts are already plain declarations, but they are the analyses' to change; this
 * copy is the format's (savedViews.ts; docs/case.md, "Saved types").
 */

/** Units as the inputs state them; kept so charts and reports label axes honestly. */
export type MetricUnit = 'bytes' | '%' | 'ms' | 's' | 'ops/s' | 'req/s' | 'count' | 'connections' | '';

/** One metric series, columnar, downsampled for display. */
export interface MetricSeries {
  id: string;
  name: string;
  unit: MetricUnit;
  labels: Record<string, string>;
  source: string;
  t: EpochMillis[];
  v: number[];
}

export type TimelineEventKind = 'deploy' | 'alert' | 'restart' | 'config' | 'note' | 'oom' | 'finding';

/** A point in time worth a marker: from an events file, a kernel log, a chat timeline, or a finding. */
export interface TimelineEvent {
  id: string;
  atMs: EpochMillis;
  kind: TimelineEventKind;
  title: string;
  detail: string;
  source: string;
  /** Set when the marker stands for a finding: clicking it opens that finding's evidence. */
  findingId?: string;
  /** The service or process the event is about, when the input names it. */
  service?: string;
  /** When an event that lasts ended (an alert's firing window, drawn as a band from `atMs`); absent for a moment. */
  endMs?: EpochMillis;
}

/** A detection drawn as a band over the charts (threshold breach, growth, stampede, collapse). */
export interface DetectionBand {
  id: string;
  findingId: string;
  label: string;
  severity: Severity;
  startMs: EpochMillis;
  endMs: EpochMillis;
  seriesIds: string[];
}

/** What the UI and the report show for timeline inputs. */
export interface TimelineView {
  files: string[];
  series: MetricSeries[];
  events: TimelineEvent[];
  detections: DetectionBand[];
  /** What the analysis had to assume (a chat timeline's date) or could not use; shown above the charts. */
  notices?: string[];
  /** Load-test results (wrk, k6, Locust, JMeter), step by step. */
  loadTests?: LoadTestRun[];
  /** /proc/PID/status, smaps_rollup and cgroup memory captures: the parts of resident memory, first and last. */
  processMemory?: ProcessMemoryCapture[];
}

export type MemoryCaptureKind = 'proc-status' | 'smaps-rollup' | 'cgroup-v1' | 'cgroup-v2';

/** Resident memory by kind, in bytes, as one capture states it. */
export interface MemoryParts {
  rss?: Bytes;
  anon?: Bytes;
  file?: Bytes;
  shmem?: Bytes;
  swap?: Bytes;
  kernel?: Bytes;
  limit?: Bytes;
}

/** One process-memory input: its first and last capture. */
export interface ProcessMemoryCapture {
  file: string;
  kind: MemoryCaptureKind;
  process?: string;
  pid?: number;
  captures: number;
  firstAtMs?: EpochMillis;
  lastAtMs?: EpochMillis;
  first: MemoryParts;
  last: MemoryParts;
  oomKills?: number;
}

export type LoadTool = 'wrk' | 'k6' | 'locust' | 'jmeter';

/** One concurrency step of a load test; latencies in ms, a percentile the tool did not print absent. */
export interface LoadStep {
  /** Connections (wrk), VUs (k6), users (Locust), threads (JMeter); absent for a summary that does not say. */
  concurrency?: number;
  /** Epoch ms when the run has a clock (`LoadTestRun.clock`), else ms since the run's start. */
  startMs: number;
  durationMs: Millis;
  requests: number;
  errors: number;
  /** Requests per second over the step. */
  throughput: number;
  meanMs?: number;
  p50Ms?: number;
  p90Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  maxMs?: number;
}

/** One load-test result file: its steps in the order they ran. */
export interface LoadTestRun {
  tool: LoadTool;
  file: string;
  target?: string;
  /** 'wall': step times are epoch ms; 'relative': laid end to end from the run's start. */
  clock: 'wall' | 'relative';
  steps: LoadStep[];
}
