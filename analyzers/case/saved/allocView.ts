import type { Bytes, EpochMillis, Millis } from '../../core/units';
import type { FlameGraph } from './flameGraph';
import type { CaptureTrend } from './heapView';

/*
 * The alloc view as a case file saves it (the `views` row `alloc`), declared apart from
 * analyzers/alloc's types so that a refactor there cannot change the saved format unnoticed
 * (savedViews.ts; docs/case.md, "Saved types").
 */

export type LeakKind = 'direct' | 'indirect' | 'possible' | 'reachable' | 'unfreed' | 'live';

export type LeakTool = 'lsan' | 'valgrind' | 'heaptrack' | 'event-log' | 'v8-heap-profile' | 'pprof';

export interface KindTotal {
  bytes: Bytes;
  blocks: number;
}

/** One stack frame as shown: folded frames belong to allocators and libraries. */
export interface AllocFrameView {
  label: string;
  folded: boolean;
}

/** A row of the sites table; `stack` expands under it. */
export interface AllocSiteView {
  key: string;
  /** Short form of the user frame for the table cell. */
  label: string;
  objectType?: string;
  bytes: number;
  blocks: number;
  /** 0–1 of all bytes of the report. */
  share: number;
  byKind: Partial<Record<LeakKind, KindTotal>>;
  ownedIndirectBytes: number;
  stack: AllocFrameView[];
  userFrameIndex: number;
  inCycle: boolean;
}

/** An event log's counters. */
export interface AllocEventCounts {
  events: number;
  allocs: number;
  frees: number;
  unknownFrees: number;
  peakLiveBytes: number;
}

/** The totals as the tool itself printed them (LSan SUMMARY, Valgrind LEAK SUMMARY, heaptrack's). */
export interface ToolTotals {
  leakedBytes?: Bytes;
  /** heaptrack: how far the records' sum may be from `leakedBytes` because of the rounded sizes it prints. */
  leakedBytesRounding?: number;
  leakedBlocks?: number;
  byKind?: Partial<Record<LeakKind, KindTotal>>;
  /** heaptrack: peak heap consumption, calls to allocation functions, temporary allocations. */
  peakBytes?: Bytes;
  allocationCalls?: number;
  temporaryAllocations?: number;
}

export interface ToolTotalCheck {
  status: 'matches' | 'differs' | 'no-total' | 'not-applicable';
  text: string;
}

export interface ReferenceCycle {
  /** LSan: indirect leaks that no direct leak can own; Valgrind: a clique whose leader is one of its own kind. */
  signature: 'lsan-indirect-only' | 'valgrind-clique';
  /** Object types of the members, shared_ptr-managed ones first; a function name where the frames do not say. */
  types: string[];
  /** The user functions that allocated the members. */
  functions: string[];
  siteKeys: string[];
  bytes: Bytes;
  blocks: number;
  /** Members were allocated through std::make_shared / shared_ptr control blocks. */
  viaSharedPtr: boolean;
  /** std::function objects holding lambdas among the members: a lambda capturing its owner. */
  lambdas: string[];
}

export interface SuppressionUse {
  template: string;
  count: number;
  bytes: Bytes;
}

export interface SiteGrowth {
  key: string;
  /** Short form of the user frame, for titles and chart legends. */
  label: string;
  objectType?: string;
  liveBytes: number[];
  finalLiveBytes: Bytes;
  bytesPerHour: number;
  r2: number;
  /** The allocation stack of the site's biggest stack, library frames folded (innermost first). */
  path: string[];
  /** Allocated by std::make_shared: objects whose lifetime shared_ptr owners decide. */
  sharedPtr: boolean;
  /** The cache the site fills (`ProfileCache`), when its code says it is one. */
  cacheOwner?: string;
}

export type MemoryLimitSource = 'case option' | 'event log' | 'default';

/** An event log's live bytes over time (total and per site) and the leak rate. */
export interface LeakGrowth {
  /** Bucket ends, ms since the log's first event; shared by every series. */
  timesMs: Millis[];
  totalLiveBytes: number[];
  /** Wall-clock time of the first event (timesMs 0), when the log's meta record gives it. */
  startEpochMs?: EpochMillis;
  /** Slope of the least-squares line through the total live bytes, in bytes per hour. */
  bytesPerHour: number;
  /** How well the line fits (R²). */
  r2: number;
  observedMs: Millis;
  limitBytes: Bytes;
  limitSource: MemoryLimitSource;
  /** Hours from the end of the log until the live bytes reach the limit at this rate; absent if not growing. */
  hoursToLimit?: number;
  /** When the limit is reached on the wall clock, when the log is anchored. */
  limitReachedAtMs?: EpochMillis;
  /** Sites by final live bytes, the biggest few. */
  sites: SiteGrowth[];
}

/** Everything shown for one input file. */
export interface AllocReportView {
  file: string;
  tool: LeakTool;
  complete: boolean;
  isDiff: boolean;
  /** Sums over every record, by kind: what the tables add up to. */
  totals: { bytes: number; blocks: number; byKind: Partial<Record<LeakKind, KindTotal>> };
  /** The totals the tool printed itself, to check the parse against. */
  toolTotals: ToolTotals;
  /** `totals.bytes` against the tool's own total (absent in cases saved before it was added). */
  totalCheck?: ToolTotalCheck;
  /** Biggest first, at most `maxSites`. */
  sites: AllocSiteView[];
  siteCount: number;
  cycle?: ReferenceCycle;
  /** Leaked bytes by allocation stack, small frames merged (absent for a heaptrack -d diff and in older cases). */
  flame?: FlameGraph;
  suppressions: SuppressionUse[];
  /** Event logs: live bytes over time (total and per site) and the leak rate. */
  growth?: LeakGrowth;
  eventCounts?: AllocEventCounts;
  /** heaptrack's other rankings (most calls, peak consumers, temporary allocations). */
  otherSections?: { title: string; unit: 'bytes' | 'count'; entries: { label: string; value: number; calls: number }[] }[];
}

export type SiteChange = 'disappeared' | 'appeared' | 'grew' | 'shrank' | 'unchanged';

export interface SiteComparison {
  key: string;
  objectType?: string;
  beforeBytes: Bytes;
  afterBytes: Bytes;
  deltaBytes: Bytes;
  beforeBlocks: number;
  afterBlocks: number;
  change: SiteChange;
  /** The site's allocation stack (the later run's when it has the site), library frames folded. */
  path: string[];
}

/** Two runs of the same tool, or a heaptrack -d diff. */
export interface RunComparison {
  before: string;
  after: string;
  beforeBytes: Bytes;
  afterBytes: Bytes;
  /** heaptrack_print -d: one file that holds the differences; `before` names the base run only. */
  fromDiff: boolean;
  /** Biggest change first. */
  sites: SiteComparison[];
  /** Both runs' leaked bytes by stack, merged frame by frame (not for a heaptrack -d diff). */
  flame?: FlameGraph;
}

/** Which frames the view folded, so the UI can say why a frame is grey. */
export interface FoldingRules {
  /** Matched against the function's qualified name, return type and arguments removed. */
  functionPrefixes: string[];
  functionNames: string[];
  /** Regular expression sources, matched against the qualified name. */
  functionPatterns: string[];
  /** Regular expression sources, matched against the frame's file. */
  filePatterns: string[];
  /** Regular expression sources, matched against the frame's module (shared object). */
  modulePatterns: string[];
}

/** What the UI and the report show for alloc inputs. */
export interface AllocView {
  files: string[];
  reports: AllocReportView[];
  /** Before/after comparisons: two runs of the same tool, or a heaptrack -d diff. */
  comparisons: RunComparison[];
  foldingRules: FoldingRules;
  /** Per allocation site, the trend over three or more captures of one process, one report per tool (schema 2). */
  siteTrends?: AllocSiteTrendReport[];
}

export interface AllocSiteTrend {
  key: string;
  label: string;
  objectType?: string;
  bytes: CaptureTrend;
  path: string[];
}

export interface AllocSiteTrendReport {
  tool: LeakTool;
  /** File names, oldest first. */
  captures: string[];
  /** What put the captures in order. */
  orderedBy: 'sample ids' | 'timestamps' | 'file order';
  totalBytes: number[];
  sites: AllocSiteTrend[];
}
