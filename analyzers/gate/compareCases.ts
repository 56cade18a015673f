import type { CaseResult } from '../ingest/caseResult';
import type { GateFigure } from './figure';
import { describeTest, type GateResult } from './gateResult';
import { judgeFigure } from './judgeFigure';
import { DEFAULT_ALPHA, DEFAULT_LIMITS, type GateSettings } from './limits';
import { loadTestFigures } from './loadTestFigures';
import { lockFigures } from './lockFigures';
import { allocFigures, heapFigures } from './memoryFigures';
import { seriesFigures } from './seriesFigures';

/** Every capability's comparer, in the order the figures are listed. */
const COMPARERS: readonly ((b: CaseResult, c: CaseResult) => GateFigure[])[] = [loadTestFigures, seriesFigures, allocFigures, heapFigures];

/** Compares a candidate's analysis with the baseline's, figure by figure, capability by capability. */
export function compareCases(baseline: CaseResult, candidate: CaseResult, settings: GateSettings = { limits: DEFAULT_LIMITS, alpha: DEFAULT_ALPHA }): GateResult {
  const locks = lockFigures(baseline, candidate);
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
  return result;
}
