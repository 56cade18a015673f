import type { Finding as AnalysisFinding } from '../core/finding';
import type { InputSummary as AnalysisInputSummary } from '../ingest/capability';
import type { HeapView as AnalysisHeapView } from '../heap/view';
import type { AllocView as AnalysisAllocView } from '../alloc/view';
import type { LocksView as AnalysisLocksView } from '../locks/view';
import type { TimelineView as AnalysisTimelineView } from '../timeline/view';
import type { CaseViews } from './caseResult';
import type { Finding } from './saved/finding';
import type { InputSummary } from './saved/inputs';
import type { Check, SameShape } from './saved/sameShape';

/** Each capability's view as its analysis builds it. */
export interface AnalysisViews {
  heap?: AnalysisHeapView;
  alloc?: AnalysisAllocView;
  locks?: AnalysisLocksView;
  timeline?: AnalysisTimelineView;
  /** Written by `aftermath gate`, whose result type is declared with the saved ones. */
  regression?: CaseViews['regression'];
}

/**
 * The saved types (saved/) are declared apart from the analyses' (as DevTools keeps HeapSnapshotModel
 * apart from its worker), and these checks keep them the same type: a change on either side fails
 * to compile here, naming the path where they differ (`AllocView.reports[].totals.byKind`), until the
 * other side follows. The saved side changes only with the schema rule in docs/case.md.
 */
export type SavedShapeChecks = [
  Check<SameShape<CaseViews, AnalysisViews, 'CaseViews'>>,
  Check<SameShape<Finding, AnalysisFinding, 'Finding'>>,
  Check<SameShape<InputSummary, AnalysisInputSummary, 'InputSummary'>>,
];

/** The analyses' views as the case saves them: the same objects, now under the saved types. */
export function savedViews(views: AnalysisViews): CaseViews {
  return views;
}
