import type { Bytes, EpochMillis, Millis } from '../core/units';
import type { LeakReport } from './model';
import type { Frame } from '../core/frame';

/** Time units an event log may declare for its `ts` field. */
export type EventTimeUnit = 'ns' | 'us' | 'ms';

/** One distinct allocation stack of an event log, with what happened to its allocations. */
export interface EventLogStack {
  frames: Frame[];
  allocBytes: Bytes;
  /** Live (allocated, not yet freed) bytes at each bucket end of the log's series. */
  liveBytesSeries: number[];
}

/** What streaming an allocation event log leaves: totals, per-stack series, never-freed memory. */
export interface EventLogArtifact {
  type: 'event-log';
  process?: string;
  /** Wall-clock time of ts = 0, when the tracker wrote it. */
  startEpochMs?: EpochMillis;
  /** The container's or process's memory limit, when the tracker knew it. */
  memoryLimitBytes?: Bytes;
  events: number;
  allocs: number;
  frees: number;
  /** Frees of pointers the log never allocated (allocated before tracking started). */
  unknownFrees: number;
  peakLiveBytes: Bytes;
  /** The first event's `ts` in ms: with `startEpochMs`, when the series begin on the wall clock. */
  firstEventMs: Millis;
  /** Bucket ends in ms since the first event's `ts`; same length as every series. */
  bucketEndsMs: Millis[];
  bucketMs: Millis;
  totalLiveBytesSeries: number[];
  stacks: EventLogStack[];
  /** Allocations never freed by the end of the log, grouped by stack (kind `unfreed`). */
  unfreed: LeakReport;
}

/** Every artifact the alloc capability loads. */
export type AllocArtifact = LeakReport | EventLogArtifact;
