/**
 * The id of every locks analysis (the hot-path headline, each diagnosis, thread imbalance, wake-up
 * storms, the capture comparison, the trends per lock): the `analysis` of its findings. Without imports, so the
 * renderer can tell lock findings apart by it.
 */
export const LOCK_ANALYSIS_IDS = [
  'locks.hot-paths',
  'locks.shard-by-key',
  'locks.global-before-object-locks',
  'locks.read-mostly',
  'locks.too-many-threads',
  'locks.thread-imbalance',
  'locks.wakeup-storm',
  'locks.comparison',
  'locks.trends',
] as const;
export type LockAnalysisId = (typeof LOCK_ANALYSIS_IDS)[number];
