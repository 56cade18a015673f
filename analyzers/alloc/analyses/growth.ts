import type { FindingOf } from '../../core/analysisContract';
import type { AllocAnalysisId } from '../analysisIds';
import { ownershipCycleKey } from '../referenceCycles';
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
    const cycleOfSite = new Map<string, string>();
    for (const r of reports) {
      for (const key of r.view.cycle?.siteKeys ?? []) {
        if (!cycleSites.has(key)) cycleSites.set(key, r.view.file);
        if (r.view.cycle) cycleOfSite.set(key, ownershipCycleKey(r.view.cycle));
      }
    }
    const findings: FindingOf<AllocAnalysisId>[] = [];
    for (const r of reports) {
      const finding = r.view.growth && leakGrowthFinding(r.view.growth, r.view.file, cycleSites);
      if (!finding) continue;
      // Growth at the sites of an ownership cycle is that cycle's growth: the same problem, over time.
      const cycles = [...new Set(r.view.growth?.sites.filter((s) => s.bytesPerHour > 0).flatMap((s) => cycleOfSite.get(s.key) ?? []))];
      findings.push({ ...finding, id: `alloc.growth.${findings.length}`, ...(cycles.length ? { subject: { key: `alloc.growth:${r.view.file}`, partOf: cycles } } : {}) });
    }
    return { findings };
  },
};
