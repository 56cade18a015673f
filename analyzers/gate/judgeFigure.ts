import type { GateFigure, GateSettings, JudgedFigure } from '../case/saved/regression';
import { formatShare, groupDigits, nounFor } from '../core/numberFormat';
import { meanOf } from './figure';
import { limitText } from './limits';
import { welchWorseBy } from './welchTest';

/** A mean in a reason line, in the figure's own unit: whole and grouped from 100 up (`9,818,841 ns/op`), three digits below. */
const fmt = (v: number) => (Math.abs(v) >= 100 ? groupDigits(v) : Number(v.toPrecision(3)).toString());

function changeText(f: GateFigure, worseBy: number): string {
  if (f.limitKey === 'errors') return `${worseBy >= 0 ? '+' : '−'}${fmt(Math.abs(worseBy))} ${nounFor(Math.abs(worseBy), 'point')}`;
  if (!Number.isFinite(worseBy)) return 'from none';
  return `${worseBy >= 0 ? 'worse' : 'better'} by ${formatShare(Math.abs(worseBy))}`;
}

/**
 * The verdict on one figure. It regresses when the candidate's mean is worse than the baseline's by
 * more than its limit — and, when both sides have two or more runs, when Welch's one-sided t-test
 * also rejects "worse by no more than the limit" at `alpha`: a difference inside the runs' own
 * spread does not fail the gate.
 */
export function judgeFigure(f: GateFigure, settings: GateSettings): JudgedFigure {
  const judged = judgeChange(f, settings);
  if (!f.loadShift) return judged;
  const explained = f.loadShift.explains === 'better' ? judged.status === 'improved' : judged.status === 'regressed' || judged.status === 'noise';
  const why = explained ? `; ${f.loadShift.explains === 'better' ? 'less load alone makes it fall' : 'more load alone makes it rise'}: not comparable` : '';
  return { ...judged, status: explained ? 'not-comparable' : judged.status, reason: `${judged.reason}; ${f.loadShift.text}${why}` };
}

function judgeChange(f: GateFigure, settings: GateSettings): JudgedFigure {
  const limit = settings.limits[f.limitKey];
  const baselineMean = meanOf(f.baseline);
  const candidateMean = meanOf(f.candidate);
  // Oriented so that larger is worse.
  const sign = f.better === 'lower' ? 1 : -1;
  const diff = sign * (candidateMean - baselineMean);
  const points = f.limitKey === 'errors';
  const worseBy = points ? diff : baselineMean !== 0 ? diff / Math.abs(baselineMean) : diff > 0 ? Infinity : 0;
  const margin = points ? limit : limit * Math.abs(baselineMean);
  const exceeds = worseBy > limit;
  const judged: JudgedFigure = { ...f, baselineMean, candidateMean, worseBy, limit, status: 'within-limit', reason: '' };
  const summary = `${fmt(baselineMean)} → ${fmt(candidateMean)} ${f.unit} (${changeText(f, worseBy)}; limit ${limitText(f.limitKey, limit)})`;
  if (f.baseline.length >= 2 && f.candidate.length >= 2) {
    const test = welchWorseBy(f.baseline.map((v) => sign * v), f.candidate.map((v) => sign * v), margin);
    judged.test = test;
    const testText = `Welch t = ${Number.isFinite(test.t) ? test.t.toFixed(2) : test.t > 0 ? '∞' : '−∞'}, df = ${test.df.toFixed(1)}, p = ${test.p < 0.001 ? '< 0.001' : test.p.toFixed(3)} over ${f.baseline.length} + ${f.candidate.length} runs`;
    if (exceeds && test.p < settings.alpha) {
      judged.status = 'regressed';
      judged.reason = `${summary}; beyond the runs' spread (${testText})`;
    } else if (exceeds) {
      judged.status = 'noise';
      judged.reason = `${summary}; within the runs' spread (${testText}, not below α = ${settings.alpha})`;
    } else {
      judged.status = worseBy < -limit ? 'improved' : 'within-limit';
      judged.reason = summary;
    }
    return judged;
  }
  judged.status = exceeds ? 'regressed' : worseBy < -limit ? 'improved' : 'within-limit';
  judged.reason = `${summary}${exceeds ? '; one run per side, so no spread to test against' : ''}`;
  return judged;
}
