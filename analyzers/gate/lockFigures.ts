import type { CaseResult } from '../case/caseResult';
import { compareCaptures, comparable, type CaptureComparison } from '../locks/compareCaptures';
import type { LockSummary } from '../locks/summary';
import type { LockInputView } from '../locks/view';
import type { GateFigure } from '../case/saved/regression';

/** A view of one capture as the capture comparison reads it (it uses the totals, callers and locks). */
const summaryOf = (v: LockInputView): LockSummary => ({ ...v, paths: [], futex: [] });

/** Wait per second of capture when every capture has a span (captures rarely last equally long), else the total. */
function waitMeasure(inputs: readonly LockInputView[]): { unit: 'ns/s' | 'ns'; of: (v: LockInputView, ns: number) => number } {
  return inputs.every((v) => v.spanNs)
    ? { unit: 'ns/s', of: (v, ns) => ns / (v.spanNs! / 1e9) }
    : { unit: 'ns', of: (_v, ns) => ns };
}

/**
 * Lock captures of the same program by the same tool on both sides: total wait and the wait of each
 * application caller both sides name. The first pair goes through the locks capability's own
 * before/after comparison (`compareCaptures`), which the report and the UI show as is.
 */
export function lockFigures(baseline: CaseResult, candidate: CaseResult): { figures: GateFigure[]; comparison?: CaptureComparison } {
  const b = baseline.views.locks?.inputs ?? [];
  const c = candidate.views.locks?.inputs ?? [];
  if (!b.length || !c.length || !comparable(summaryOf(b[0]), summaryOf(c[0]))) return { figures: [] };
  const bs = b.filter((v) => comparable(summaryOf(b[0]), summaryOf(v)));
  const cs = c.filter((v) => comparable(summaryOf(b[0]), summaryOf(v)));
  const comparison = compareCaptures(summaryOf(bs[0]), summaryOf(cs[0]));
  const measure = waitMeasure([...bs, ...cs]);
  const word = comparison.timeWord;
  const base = { capability: 'locks' as const, limitKey: 'lock-wait' as const, unit: measure.unit, better: 'lower' as const, baselineSources: bs.map((v) => v.file), candidateSources: cs.map((v) => v.file) };
  const figures: GateFigure[] = [
    { ...base, id: 'locks.total', label: `total ${word}${measure.unit === 'ns/s' ? ' per second of capture' : ''}`, baseline: bs.map((v) => measure.of(v, v.totalNs)), candidate: cs.map((v) => measure.of(v, v.totalNs)) },
  ];
  const callerNs = (v: LockInputView, label: string) => v.callers.find((x) => x.label === label)?.totalNs ?? 0;
  // The callers whose wait changed most, as the comparison ranks them, that both sides know.
  for (const d of comparison.callers.filter((x) => x.beforeNs > 0 && x.afterNs > 0).slice(0, 5)) {
    figures.push({
      ...base,
      id: `locks.caller.${d.label}`,
      label: `${word} in ${d.label}()${measure.unit === 'ns/s' ? ' per second' : ''}`,
      baseline: bs.map((v) => measure.of(v, callerNs(v, d.label))),
      candidate: cs.map((v) => measure.of(v, callerNs(v, d.label))),
    });
  }
  return { figures, comparison };
}
