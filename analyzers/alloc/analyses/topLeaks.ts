import { REPORT_AT_EXIT, type AllocAnalysis } from './contract';
import { topLeakFindings } from './topLeakFindings';

/** The biggest leak sites of a report, the ones a cycle finding already explains left out. */
export const topLeaks: AllocAnalysis = {
  scope: 'each report',
  id: 'alloc.top-leaks',
  needs: REPORT_AT_EXIT,
  phase: 'top leaks',
  weight: 1,
  run: ({ report, classifier, options }) => ({
    findings: topLeakFindings(report.view.tool, report.sites, classifier, report.view.file, new Set(report.view.cycle?.siteKeys ?? []), options.maxSiteFindings),
  }),
};
