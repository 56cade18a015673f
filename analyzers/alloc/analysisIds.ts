/**
 * The id of every alloc analysis: the `analysis` of its findings, and one entry each in
 * `analyses/index.ts`. Without imports, so the renderer can tell alloc findings apart by it.
 */
export const ALLOC_ANALYSIS_IDS = ['alloc.reference-cycles', 'alloc.top-leaks', 'alloc.growth', 'alloc.compare-runs', 'alloc.site-trends'] as const;
export type AllocAnalysisId = (typeof ALLOC_ANALYSIS_IDS)[number];
