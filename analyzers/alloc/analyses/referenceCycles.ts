import { REPORT_WITH_CYCLE, type AllocAnalysis } from './contract';
import { referenceCycleFinding } from './referenceCycleFindings';

/** An ownership cycle (shared_ptr loops and the like) as the leak tool's report shows it. */
export const referenceCycles: AllocAnalysis = {
  scope: 'each report',
  id: 'alloc.reference-cycles',
  needs: REPORT_WITH_CYCLE,
  phase: 'reference cycles',
  weight: 1,
  run: ({ report, classifier }) => ({ findings: report.view.cycle ? [referenceCycleFinding(report.view.cycle, report.sites, classifier, report.view.file, 0)] : [] }),
};
