import { diffFlameTrees, flameGraph } from '../../core/flameGraph';
import { compareRuns as compare, comparisonFromDiff, type RunComparison } from '../compareRuns';
import { comparisonFinding } from './comparisonFindings';
import { runsOfOneProcess } from '../captureOrder';
import { MIN_TREND_CAPTURES, RUNS_TO_COMPARE, type AllocAnalysis, type ReadReport } from './contract';

/**
 * Two runs of the same tool given one after the other are a before/after pair when they share
 * at least one allocation site (the same program); a heaptrack -d output is a comparison itself.
 * An incomplete report is not compared: its missing records would read as sites that disappeared.
 * Three or more captures of one process have a trend per site (alloc.site-trends): of those only
 * the first and the last in capture order are compared, as the heap compares its snapshots, for
 * the view only: a cache that filled between them is "up" too, and the trend tells it from a leak.
 */
export const compareRuns: AllocAnalysis = {
  scope: 'the case',
  id: 'alloc.compare-runs',
  needs: RUNS_TO_COMPARE,
  phase: 'run comparison',
  weight: 1,
  run({ reports, classifier }) {
    const comparisons: RunComparison[] = [];
    const judged: RunComparison[] = [];
    const lastOfTool = new Map<string, ReadReport>();
    const trended = new Map(runsOfOneProcess(reports).flatMap((g) => (g.runs.length >= MIN_TREND_CAPTURES ? [[g.tool, g.runs] as const] : [])));
    for (const runs of trended.values()) {
      const [first, last] = [runs[0], runs[runs.length - 1]];
      comparisons.push(compare({ file: first.view.file, sites: first.sites }, { file: last.view.file, sites: last.sites }, classifier));
    }
    for (const r of reports) {
      if (r.view.isDiff) {
        judged.push(comparisonFromDiff(r.view.file, r.sites, classifier));
        continue;
      }
      if (!r.view.complete || trended.has(r.view.tool)) continue;
      const before = lastOfTool.get(r.view.tool);
      lastOfTool.set(r.view.tool, r);
      if (!before) continue;
      const keys = new Set(before.sites.map((s) => s.key));
      if (!r.sites.some((s) => keys.has(s.key))) continue;
      const comparison = compare({ file: before.view.file, sites: before.sites }, { file: r.view.file, sites: r.sites }, classifier);
      if (before.flame && r.flame) comparison.flame = flameGraph('bytes', diffFlameTrees(before.flame, r.flame), undefined, { before: before.view.file, after: r.view.file });
      judged.push(comparison);
    }
    return { findings: judged.map((c, i) => comparisonFinding(c, i)), view: { comparisons: [...comparisons, ...judged] } };
  },
};
