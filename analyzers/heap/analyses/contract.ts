import type { Analysis, AnalysisNeed } from '../../core/analysisContract';
import type { HelperThreads } from '../../core/helperThreads';
import type { HeapAnalysisId } from '../analysisIds';
import type { CodeLocator } from '../codeLocations';
import type { CycleSearches } from '../cycleSearches';
import type { HeapModel, ParsedSnapshot } from '../heapModel';
import type { SharedIds } from '../sharedIds';
import type { SnapshotTime } from '../snapshotTime';
import type { HeapView } from '../view';

/** The case's snapshots as every heap analysis sees them. */
export interface HeapSnapshots {
  /**
   * Oldest first, ordered by their own object ids; the last is `last`. The earlier ones are parsed,
   * not indexed (no dominators, retainers or distances) unless indexed before (`HeapSnapshot`).
   */
  models: readonly ParsedSnapshot[];
  last: HeapModel;
  /** Each snapshot comes from the same process as the one before it, so object ids match across them. */
  related: boolean;
  /** Each model's capture time from its file name (Node's or DevTools' default), when it has one. */
  times: readonly (SnapshotTime | undefined)[];
  /** Names the code behind an object (its constructor's or its own function's position, source-mapped). */
  locator: CodeLocator;
  /** Which objects of one snapshot are in another, computed once for all the analyses. */
  shared: SharedIds;
  /** The host's helper threads (the cycle search runs on one). */
  threads?: HelperThreads;
  /** The cycle searches, posted to their thread as the heap step starts, for the analyses' time (`CycleSearches.ahead`). */
  cycleSearches?: CycleSearches;
}

export type HeapAnalysis = Analysis<HeapAnalysisId, HeapSnapshots, HeapView>;

export const LAST_SNAPSHOT: AnalysisNeed<HeapSnapshots> = { label: 'the last snapshot', holds: () => true };
export const SEVERAL_SNAPSHOTS: AnalysisNeed<HeapSnapshots> = { label: 'two or more snapshots', holds: (s) => s.models.length >= 2 };
export const RELATED_SNAPSHOTS: AnalysisNeed<HeapSnapshots> = {
  label: 'two or more snapshots of one process',
  holds: (s) => s.models.length >= 2 && s.related,
};
/** What the growth analyses cannot compare: one snapshot, or snapshots of different processes (their last). */
export const NO_RELATED_SNAPSHOTS: AnalysisNeed<HeapSnapshots> = {
  label: 'one snapshot, or snapshots of different processes',
  holds: (s) => !RELATED_SNAPSHOTS.holds(s),
};
export const TRACED_SNAPSHOTS: AnalysisNeed<HeapSnapshots> = {
  label: 'a snapshot recorded with allocation tracking',
  holds: (s) => s.models.some((m) => m.graph.allocationTrace !== null),
};

/** The files a finding about every snapshot derives from. */
export const sourcesOf = (s: HeapSnapshots): string[] => s.models.map((m) => m.graph.file);
