import { ALLOC_ANALYSIS_IDS } from '../alloc/analysisIds';
import type { Finding } from '../core/finding';
import { HEAP_ANALYSIS_IDS } from '../heap/analysisIds';
import { LOCK_ANALYSIS_IDS } from '../locks/analysisIds';
import { TIMELINE_ANALYSIS_IDS } from '../timeline/analysisIds';

/**
 * Every analysis id, by the capability that declares it. A finding's `analysis` stays a string in
 * core (and in saved cases); this is where the findings model sees which capability it belongs to.
 */
export const ANALYSIS_IDS = { heap: HEAP_ANALYSIS_IDS, alloc: ALLOC_ANALYSIS_IDS, locks: LOCK_ANALYSIS_IDS, timeline: TIMELINE_ANALYSIS_IDS } as const;

export type AnalysisCapability = keyof typeof ANALYSIS_IDS;
export type AnalysisId = (typeof ANALYSIS_IDS)[AnalysisCapability][number];

const CAPABILITY_OF = new Map<string, AnalysisCapability>(
  (Object.keys(ANALYSIS_IDS) as AnalysisCapability[]).flatMap((c) => ANALYSIS_IDS[c].map((id) => [id, c] as const)),
);

/** The capability whose analysis made the finding; undefined for an id no capability declares (a case from a newer version). */
export const capabilityOf = (finding: Pick<Finding, 'analysis'>): AnalysisCapability | undefined => CAPABILITY_OF.get(finding.analysis);

/** Whether the finding comes from that analysis: the id is checked at compile time, unlike a string comparison. */
export const isFromAnalysis = (finding: Pick<Finding, 'analysis'>, id: AnalysisId): boolean => finding.analysis === id;
