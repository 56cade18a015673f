import type { FlameGraph } from '../core/flameGraph';
import type { RunComparison } from './compareRuns';
import type { AllocFrameView } from './foldedStack';
import type { FoldingRules } from './frameFolding';
import type { LeakGrowth } from './leakGrowth';
import type { KindTotal, LeakKind, LeakReport, LeakTool, SuppressionUse } from './model';
import type { ReferenceCycle } from './referenceCycles';
import type { AllocSiteTrendReport } from './siteTrends';
import type { ToolTotalCheck } from './toolTotalCheck';

export type { AllocFrameView } from './foldedStack';

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

/** Everything shown for one input file. */
export interface AllocReportView {
  file: string;
  tool: LeakTool;
  complete: boolean;
  isDiff: boolean;
  /** Sums over every record, by kind: what the tables add up to. */
  totals: { bytes: number; blocks: number; byKind: Partial<Record<LeakKind, KindTotal>> };
  /** The totals the tool printed itself, to check the parse against. */
  toolTotals: LeakReport['toolTotals'];
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

/** What the UI and the report show for alloc inputs. Owned by analyzers/alloc. */
export interface AllocView {
  files: string[];
  reports: AllocReportView[];
  /** Before/after comparisons: two runs of the same tool, or a heaptrack -d diff. */
  comparisons: RunComparison[];
  foldingRules: FoldingRules;
  /** Per allocation site, the trend over three or more captures of one process, one report per tool. */
  siteTrends?: AllocSiteTrendReport[];
}
