import type { FlameGraph } from '../core/flameGraph';
import type { CaptureComparison } from './compareCaptures';
import type { LockFoldingRules } from './folding';
import type { HotPathNode } from './hotPaths';
import type { LockTrendReport } from './lockTrends';
import type { LockCapture } from './model';
import type { LockSummary, RankedEntry } from './summary';
import type { ThreadImbalance } from './threadImbalance';
import type { WakeupStorm } from './wakeupStorms';

/**
 * Everything shown for one lock input: the summary's totals (see LockSummary: `variant` is the perf
 * subcommand recognized from the layout; `timeMeaning` is 'hold' for mutrace), then its tables,
 * ranked by total time, biggest first.
 */
export interface LockInputView
  extends Pick<LockSummary, 'file' | 'tool' | 'variant' | 'timeMeaning' | 'program' | 'complete' | 'totalNs' | 'totalContended' | 'spanNs' | 'idleWaits'> {
  /** At most `maxRows` of each; the counts say how many there were. */
  locks: RankedEntry[];
  lockCount: number;
  callers: RankedEntry[];
  callerCount: number;
  threads: RankedEntry[];
  owners: RankedEntry[];
  /** Caller tree from the first application frame, with each node's share of all wait. */
  hotPaths: HotPathNode[];
  /** Wait (or hold) by stack, outermost caller at the root, small frames merged (absent in older cases). */
  flame?: FlameGraph;
  imbalance?: ThreadImbalance;
  storms: WakeupStorm[];
  info?: LockCapture['info'];
}

/** What the UI and the report show for locks inputs. Owned by analyzers/locks. */
export interface LocksView {
  files: string[];
  inputs: LockInputView[];
  /** Before/after pairs: consecutive captures of the same program by the same tool. */
  comparisons: CaptureComparison[];
  folding: LockFoldingRules;
  /** Per lock, the trend over three or more captures of one program by one tool. */
  trends?: LockTrendReport[];
}
