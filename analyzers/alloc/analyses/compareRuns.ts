import { diffFlameTrees, flameGraph } from '../../core/flameGraph';
import { compareRuns as compare, comparisonFromDiff, type RunComparison } from '../compareRuns';
import { comparisonFinding } from './comparisonFindings';
import { RUNS_TO_COMPARE, type AllocAnalysis, type ReadReport } from './contract';

/**
 * Two runs of the same tool given one after the other are a before/after pair when they share
 * at least one allocation site (the same program); a heaptrack -d output is a comparison itself.
 * An incomplete report is not compared: its missing records would read as sites that disappeared.
 */
export const compareRuns: AllocAnalysis = {
  scope: 'the case',
  id: 'alloc.compare-runs',
  needs: RUNS_TO_COMPARE,
  phase: 'run comparison',
  weight: 1,
  run({ reports, classifier }) {
    const comparisons: RunComparison[] = [];
    const lastOfTool = new Map<string, ReadReport>();
    for (const r of reports) {
      if (r.view.isDiff) {
        comparisons.push(comparisonFromDiff(r.view.file, r.sites, classifier));
        continue;
      }
      if (!r.view.complete) continue;
      const before = lastOfTool.get(r.view.tool);
      lastOfTool.set(r.view.tool, r);
      if (!before) continue;
      const keys = new Set(before.sites.map((s) => s.key));
      if (!r.sites.some((s) => keys.has(s.key))) continue;
      const comparison = compare({ file: before.view.file, sites: before.sites }, { file: r.view.file, sites: r.sites }, classifier);
      if (before.flame && r.flame) comparison.flame = flameGraph('bytes', diffFlameTrees(before.flame, r.flame), undefined, { before: before.view.file, after: r.view.file });
      comparisons.push(comparison);
    }
    return { findings: comparisons.map((c, i) => comparisonFinding(c, i)), view: { comparisons } };
  },
};
