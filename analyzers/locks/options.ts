import { DEFAULT_LOCK_FOLDING, type LockFoldingRules } from './folding';
import { DEFAULT_STORM_THRESHOLDS, type StormThresholds } from './wakeupStorms';

export interface LocksOptions {
  folding: LockFoldingRules;
  storms: StormThresholds;
  /** Rows kept per table in the view: the UI pages through them, the report shows the top. */
  maxRows: number;
  hotPathDepth: number;
}

export const DEFAULT_LOCKS_OPTIONS: LocksOptions = { folding: DEFAULT_LOCK_FOLDING, storms: DEFAULT_STORM_THRESHOLDS, maxRows: 2000, hotPathDepth: 8 };
