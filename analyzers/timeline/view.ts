import type { Severity } from '../core/finding';
import type { EpochMillis } from '../core/units';
import type { MetricSeries } from '../core/timeSeries';
import type { LoadTestRun } from './loadTest';
import type { ProcessMemoryCapture } from './processMemory';

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

/** What the UI and the report show for timeline inputs. Owned by analyzers/timeline. */
export interface TimelineView {
  files: string[];
  series: MetricSeries[];
  events: TimelineEvent[];
  detections: DetectionBand[];
  /** What the analysis had to assume (a chat timeline's date) or could not use; shown above the charts. */
  notices?: string[];
  /** Load-test runs with their steps, on the case's clock (runs without one placed, see `clock`). */
  loadTests?: LoadTestRun[];
  /** /proc/PID/status, smaps_rollup and cgroup memory captures: the parts of resident memory, first and last. */
  processMemory?: ProcessMemoryCapture[];
}
