import type { Nanos } from '../core/units';
import type { CaptureComparison } from './compareCaptures';
import type { LockFoldingRules } from './folding';
import type { HotPathNode } from './hotPaths';
import type { LockCapture, LockTool, TimeMeaning } from './model';
import type { RankedEntry } from './summary';
import type { ThreadImbalance } from './threadImbalance';
import type { WakeupStorm } from './wakeupStorms';

/** Everything shown for one lock input. Tables are ranked by total time, biggest first. */
export interface LockInputView {
  file: string;
  tool: LockTool;
  /** perf subcommand and options recognized from the layout (`contention -t`), or the tool. */
  variant: string;
  /** 'hold' for mutrace: its times say how long locks were held, not how long threads waited. */
  timeMeaning: TimeMeaning;
  program?: string;
  complete: boolean;
  totalNs: Nanos;
  totalContended: number;
  spanNs?: Nanos;
  /** At most `maxRows` of each; the counts say how many there were. */
  locks: RankedEntry[];
  lockCount: number;
  callers: RankedEntry[];
  callerCount: number;
  threads: RankedEntry[];
  owners: RankedEntry[];
  /** Caller tree from the first application frame, with each node's share of all wait. */
  hotPaths: HotPathNode[];
  imbalance?: ThreadImbalance;
  storms: WakeupStorm[];
  info?: LockCapture['info'];
  idleWaits?: LockCapture['idleWaits'];
}

/** What the UI and the report show for locks inputs. Owned by analyzers/locks. */
export interface LocksView {
  files: string[];
  inputs: LockInputView[];
  /** Before/after pairs: consecutive captures of the same program by the same tool. */
  comparisons: CaptureComparison[];
  folding: LockFoldingRules;
}
