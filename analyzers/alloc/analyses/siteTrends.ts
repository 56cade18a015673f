import { runsOfOneProcess } from '../captureOrder';
import { siteTrends as trendsOf, type AllocSiteTrendReport } from '../siteTrends';
import { MIN_TREND_CAPTURES, TREND_RUNS, type AllocAnalysis } from './contract';
import { siteTrendFindings } from './siteTrendFindings';

/** Per allocation site, the trend across every capture of one process: still growing, or held after a rise. */
export const siteTrends: AllocAnalysis = {
  scope: 'the case',
  id: 'alloc.site-trends',
  needs: TREND_RUNS,
  phase: 'site trends',
  weight: 1,
  run({ reports, classifier }) {
    const trends: AllocSiteTrendReport[] = runsOfOneProcess(reports)
      .filter((g) => g.runs.length >= MIN_TREND_CAPTURES)
      .map((g) => trendsOf(g.tool, g.runs.map((r) => ({ file: r.view.file, sites: r.sites })), g.orderedBy, classifier));
    return { findings: trends.flatMap((t) => siteTrendFindings(t)).map((f, i) => ({ ...f, id: `alloc.site-trend.${i}` })), view: { siteTrends: trends } };
  },
};
