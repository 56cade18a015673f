import type { EvidenceItem } from '../core/finding';
import type { EpochMillis } from '../core/units';
import type { TimelineEventKind } from './view';
import type { MetricSeries } from '../core/timeSeries';
import type { LoadTestRun } from './loadTest';
import type { ProcessMemoryCapture } from './processMemory';

/** One metric at full resolution, as read; detection runs on these, the view gets a downsampled copy. */
export type RawSeries = Omit<MetricSeries, 'id'>;

/** An event as a file states it; ids are given when the case's events are merged. */
export interface ParsedEvent {
  atMs: EpochMillis;
  kind: Exclude<TimelineEventKind, 'finding'>;
  title: string;
  detail: string;
  source: string;
  /** When an event that lasts ended (an alert's firing window); absent for a moment. */
  endMs?: EpochMillis;
  /** The service or process the event is about, when the input names it (cascade detection groups by it). */
  service?: string;
  /** For an OOM event: who saw the kill and what it measured, so accounts of one kill join. */
  oom?: OomAccount;
}

/**
 * One input's account of an out-of-memory death: the kernel's OOM killer line, Kubernetes' record of
 * it (`OOMKilled`, `OOMKilling`), or the process's own report (a Node diagnostic report at V8's heap
 * limit). Several inputs telling the same kill are one kill (rules/sameKill.ts).
 */
export interface OomAccount {
  by: 'kernel' | 'kubernetes' | 'process';
  pid?: number;
  /** The host or node, when the input names it. */
  host?: string;
  /** What the account measured (anon-rss, heap spaces, rss at the crash); shown in the OOM finding. */
  evidence: EvidenceItem[];
  /** The stack at the fatal error, innermost first, when the process reported it. */
  stack?: string[];
  /**
   * The limit the process died at, when its configuration set it rather than a default: a limit set
   * too low is one of an OOM's explanations (`--max-old-space-size=64, on its command line`).
   */
  limitSetBy?: string;
}

/**
 * A time the file gives only in part: a chat line's "Day 2, 18:30" or a syslog line's "Mar 15
 * 18:30:12" (no year). Resolved at analysis time from the case's anchor date.
 */
export type FloatingTime =
  | { kind: 'day-offset'; dayOffset: number; msOfDay: number }
  | { kind: 'yearless'; month: number; day: number; msOfDay: number }
  /** Plain `dmesg`: seconds since the host booted; placed when the boot time is known. */
  | { kind: 'since-boot'; secondsSinceBoot: number };

export interface FloatingEvent extends Omit<ParsedEvent, 'atMs'> {
  at: FloatingTime;
}

/** Whatever a timeline input held; every format fills the parts it has. */
export interface TimelineArtifact {
  series: RawSeries[];
  events: ParsedEvent[];
  floatingEvents: FloatingEvent[];
  /** Load-test results (wrk, k6, Locust, JMeter): their steps become series and the break finding. */
  loadTests?: LoadTestRun[];
  /** /proc and cgroup memory captures: where the resident memory was, first and last capture. */
  processMemory?: ProcessMemoryCapture[];
  /** When the host booted, when a line carried both a wall-clock time and seconds since boot. */
  bootMs?: number;
  /** Series the file holds but that could not be read (each also a notice): rules that needed one say so. */
  droppedSeries?: DroppedSeries[];
}

/** A series left out because its identity is damaged, told by what of it could still be read. */
export interface DroppedSeries {
  source: string;
  /** Its metric name as far as it reads (U+FFFD where the bytes were invalid); undefined when unreadable. */
  name?: string;
  labels: Record<string, string>;
  /** Where it is: `data.result[1], line 1, byte 15160`. */
  where: string;
  why: string;
}
