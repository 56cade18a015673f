import type { CaptureComparison } from '../locks/compareCaptures';
import type { JudgedFigure } from './figure';
import type { GateSettings } from './limits';

/** The gate's outcome: every figure both sides have, judged; serializable into the report and a case. */
export interface GateResult {
  verdict: 'pass' | 'fail';
  figures: JudgedFigure[];
  settings: GateSettings;
  /** The noise test as stated to the user. */
  testDescription: string;
  baselineFiles: string[];
  candidateFiles: string[];
  /** The lock captures' before/after comparison (the first capture of each side). */
  lockComparison?: CaptureComparison;
}

export function describeTest(alpha: number): string {
  return (
    `Noise: when both sides have two or more runs, a figure fails only if Welch's one-sided t-test rejects ` +
    `"the candidate is worse by no more than the limit" at α = ${alpha} (unequal variances, few runs; a Mann–Whitney U ` +
    `test cannot reach p < 0.05 with 3 runs per side). With one run per side the limit alone decides.`
  );
}
