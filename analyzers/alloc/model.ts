import type { Bytes } from '../core/units';
import type { Frame } from '../core/frame';

/**
 * How a tool classified leaked memory. `unfreed` is heaptrack's and the event log's "not freed at
 * exit", which includes memory still reachable from globals; `live` is a heap profile's memory in use
 * when it was taken (V8's sampling heap profile, pprof's inuse_space): not a leak by itself.
 */
export type LeakKind = 'direct' | 'indirect' | 'possible' | 'reachable' | 'unfreed' | 'live';

/** One record of a leak report: memory the tool saw leaked from one stack. */
export interface LeakRecord {
  kind: LeakKind;
  /** The record's own bytes; for a Valgrind clique leader, without the indirect bytes it owns. */
  bytes: Bytes;
  blocks: number;
  /** Innermost first (`#0` is the allocator). */
  frames: Frame[];
  /** Valgrind's definitely-lost records own the indirectly lost blocks reachable from them. */
  ownedIndirectBytes?: Bytes;
  /** LSan `report_objects=1`: the leaked objects' addresses and sizes. */
  objects?: { address: string; bytes: Bytes }[];
  /** 1-based line of the input where the record starts. */
  line?: number;
}

export interface KindTotal {
  bytes: Bytes;
  blocks: number;
}

export type LeakTool = 'lsan' | 'valgrind' | 'heaptrack' | 'event-log' | 'v8-heap-profile' | 'pprof';

/** A suppression that matched, from LSan's `Suppressions used:` table. */
export interface SuppressionUse {
  template: string;
  count: number;
  bytes: Bytes;
}

/** One ranked list of a tool's report, e.g. heaptrack's PEAK MEMORY CONSUMERS. */
export interface ReportSection {
  title: string;
  /** What `value` counts in this section. */
  unit: 'bytes' | 'count';
  entries: { value: number; calls: number; frames: Frame[] }[];
}

/** A parsed leak report of any tool, the common input of every leak analysis. */
export interface LeakReport {
  type: 'leak-report';
  tool: LeakTool;
  records: LeakRecord[];
  /** The totals as the tool itself printed them (LSan SUMMARY, Valgrind LEAK SUMMARY, heaptrack's). */
  toolTotals: {
    leakedBytes?: Bytes;
    /** heaptrack: how far the records' sum may be from `leakedBytes` because of the rounded sizes it prints. */
    leakedBytesRounding?: number;
    leakedBlocks?: number;
    byKind?: Partial<Record<LeakKind, KindTotal>>;
    /** heaptrack: peak heap consumption, calls to allocation functions, temporary allocations. */
    peakBytes?: Bytes;
    allocationCalls?: number;
    temporaryAllocations?: number;
  };
  /** Sections other than the leaks (heaptrack's most calls, peak consumers, temporary allocations). */
  otherSections?: ReportSection[];
  suppressions: SuppressionUse[];
  /** heaptrack_print -d: every number is a difference (this run minus the base run) and may be negative. */
  isDiff: boolean;
  /** The program's command line, when the tool names it. */
  command?: string;
  /**
   * Where the capture stands among others of the same process, by what the input itself carries:
   * the largest sample id of a V8 sampling session (it numbers samples across every profile taken
   * in it) or the time the profile was written or the log began.
   */
  capturedAt?: { by: 'sample ids' | 'timestamps'; value: number };
}
