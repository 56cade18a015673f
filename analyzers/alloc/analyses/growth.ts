import type { FindingOf } from '../../core/analysisContract';
import type { AllocAnalysisId } from '../analysisIds';
import { EVENT_LOG, type AllocAnalysis } from './contract';
import { leakGrowthFinding } from './growthFindings';

/** Steady growth of an event log's live bytes; a cycle another report of the case shows names the fix. */
export const growth: AllocAnalysis = {
  scope: 'the case',
  id: 'alloc.growth',
  needs: EVENT_LOG,
  phase: 'growth',
  weight: 1,
  run({ reports }) {
    const cycleSites = new Map<string, string>();
    for (const r of reports) for (const key of r.view.cycle?.siteKeys ?? []) if (!cycleSites.has(key)) cycleSites.set(key, r.view.file);
    const findings: FindingOf<AllocAnalysisId>[] = [];
    for (const r of reports) {
      const finding = r.view.growth && leakGrowthFinding(r.view.growth, r.view.file, cycleSites);
      if (finding) findings.push({ ...finding, id: `alloc.growth.${findings.length}` });
    }
    return { findings };
  },
};
