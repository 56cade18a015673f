import type { ReportEdits } from '../app/api/appApi';
import type { Finding } from '../core/finding';
import type { InputSummary } from './capability';
import type { HeapView } from '../heap/view';
import type { AllocView } from '../alloc/view';
import type { LocksView } from '../locks/view';
import type { TimelineView } from '../timeline/view';
import type { GateResult } from '../case/saved/regression';

/** A file that could not be analyzed, with the reason in the user's terms. */
export interface InputFailure {
  file: string;
  message: string;
}

/** Each capability's view data, present when the case had inputs of that kind. */
export interface CaseViews {
  heap?: HeapView;
  alloc?: AllocView;
  locks?: LocksView;
  timeline?: TimelineView;
  /** `aftermath gate`: the candidate's comparison with its baseline (on the candidate's case). */
  regression?: GateResult;
}

/** Everything one analysis run produced: serializable, so it crosses process boundaries as is. */
export interface CaseResult {
  analyzedAt: string;
  inputs: InputSummary[];
  failures: InputFailure[];
  findings: Finding[];
  views: CaseViews;
  /** The report edits saved with a case file that was reopened (analyzers/case). */
  reportEdits?: ReportEdits;
}
