import { bytes, type Bytes } from '../core/units';
import { DEFAULT_FOLDING_RULES, type FoldingRules } from './frameFolding';

/** What a user can tune in the alloc analyses; plain data so that it can be saved with a case. */
export interface AllocOptions {
  folding: FoldingRules;
  /** Sites listed per report in the view. */
  maxSites: number;
  /** Sites that get a finding of their own per report. */
  maxSiteFindings: number;
  /** Sites with their own growth series in the view. */
  maxSeriesSites: number;
  /** The limit growth is projected to when the event log does not state one. */
  memoryLimitBytes: Bytes;
}

export const DEFAULT_ALLOC_OPTIONS: AllocOptions = {
  folding: DEFAULT_FOLDING_RULES,
  maxSites: 50,
  maxSiteFindings: 5,
  maxSeriesSites: 8,
  memoryLimitBytes: bytes(2 * 1024 ** 3),
};
