/**
 * The id of every timeline analysis (the anchor-date notice and each rule of `rules/index.ts`):
 * the `analysis` of its findings. Without imports, so the renderer can tell timeline findings apart by it.
 */
export const TIMELINE_ANALYSIS_IDS = [
  'timeline.anchor-date',
  'timeline.memory-growth',
  'timeline.cache-stampede',
  'timeline.pool-exhaustion',
  'timeline.lock-collapse',
  'timeline.oom-kills',
  'timeline.cascade',
  'timeline.thresholds',
  /** Joined with the heap view in report/rssBreakdown.ts: the inputs are the timeline's memory captures. */
  'timeline.rss-breakdown',
] as const;
export type TimelineAnalysisId = (typeof TIMELINE_ANALYSIS_IDS)[number];
