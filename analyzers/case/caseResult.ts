import type { ReportEdits } from './reportEdits';
import type { Finding } from './saved/finding';
import type { InputSummary } from './saved/inputs';
import type { HeapView } from './saved/heapView';
import type { AllocView } from './saved/allocView';
import type { LocksView } from './saved/locksView';
import type { TimelineView } from './saved/timelineView';
import type { GateResult } from './saved/regression';

/** A file that could not be analyzed, with the reason in the user's terms. */
export interface InputFailure {
  file: string;
  message: string;
}

/** Each capability's view data as saved (saved/), present when the case had inputs of that kind. */
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
