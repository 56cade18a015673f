import type { CaseResult } from '../case/caseResult';
import type { GateFigure, GateResult, GateSettings } from '../case/saved/regression';
import { baselineFlames } from './baselineFlames';
import { judgeFigure } from './judgeFigure';
import { DEFAULT_ALPHA, DEFAULT_LIMITS } from './limits';
import { loadTestFigures } from './loadTestFigures';
import { lockFigures } from './lockFigures';
import { allocFigures } from './allocFigures';
import { heapFigures } from './heapFigures';
import { seriesFigures } from './seriesFigures';

export function describeTest(alpha: number): string {
  return (
    `Noise: when both sides have two or more runs, a figure fails only if Welch's one-sided t-test rejects ` +
    `"the candidate is worse by no more than the limit" at α = ${alpha} (unequal variances, few runs; a Mann–Whitney U ` +
    `test cannot reach p < 0.05 with 3 runs per side). With one run per side the limit alone decides.`
  );
}

/** Every capability's comparer, in the order the figures are listed. */
const COMPARERS: readonly ((b: CaseResult, c: CaseResult) => GateFigure[])[] = [loadTestFigures, seriesFigures, allocFigures, heapFigures];

/** Compares a candidate's analysis with the baseline's, figure by figure, capability by capability. */
export function compareCases(baseline: CaseResult, candidate: CaseResult, settings: GateSettings = { limits: DEFAULT_LIMITS, alpha: DEFAULT_ALPHA }): GateResult {
  const locks = lockFigures(baseline, candidate, settings.limits.throughput);
  const figures = [...COMPARERS.flatMap((compare) => compare(baseline, candidate)), ...locks.figures].map((f) => judgeFigure(f, settings));
  const result: GateResult = {
    verdict: figures.some((f) => f.status === 'regressed') ? 'fail' : 'pass',
    figures,
    settings,
    testDescription: describeTest(settings.alpha),
    baselineFiles: baseline.inputs.map((i) => i.file),
    candidateFiles: candidate.inputs.map((i) => i.file),
  };
  if (locks.comparison) result.lockComparison = locks.comparison;
  const flames = baselineFlames(baseline, candidate);
  if (flames.length) result.flames = flames;
  return result;
}
