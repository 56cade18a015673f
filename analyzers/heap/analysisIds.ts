/**
 * The id of every heap analysis: the `analysis` of its findings, and one entry each in
 * `analyses/index.ts`. Without imports, so the renderer can tell heap findings apart by it.
 */
export const HEAP_ANALYSIS_IDS = ['heap.comparison', 'heap.leaks', 'heap.allocation-sites', 'heap.cycles', 'heap.detached-dom', 'heap.trends', 'heap.suspects'] as const;
export type HeapAnalysisId = (typeof HEAP_ANALYSIS_IDS)[number];
