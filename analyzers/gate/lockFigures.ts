import type { CaseResult } from '../case/caseResult';
import { compareCaptures, comparable, type CaptureComparison } from '../locks/compareCaptures';
import type { LockSummary } from '../locks/summary';
import type { LockInputView } from '../locks/view';
import type { FigureUnit, GateFigure } from '../case/saved/regression';
import { formatShare } from '../core/numberFormat';
import { meanOf } from './figure';
import { runKind } from './loadTestFigures';

/** A view of one capture as the capture comparison reads it (it uses the totals, callers and locks). */
const summaryOf = (v: LockInputView): LockSummary => ({ ...v, paths: [], futex: [] });

/** The work a capture's program did: operations in all, and per second when the capture has a span. */
interface Work {
  what: 'lock acquisition' | 'successful request';
  ops: number[];
}

/** Every lock of every capture counts its acquisitions: the capture's own count of operations. */
function acquisitions(captures: readonly LockInputView[]): number[] | undefined {
  if (!captures.every((v) => v.lockCount <= v.locks.length && v.locks.every((l) => l.acquired !== undefined))) return undefined;
  return captures.map((v) => v.locks.reduce((a, l) => a + l.acquired!, 0));
}

/**
 * Successful requests of the load test that ran during each capture: a side whose load-test runs are
 * as many as its captures pairs them in the order the files were given (`wrk_1.txt` with
 * `lock_stats_1.json`); otherwise which run drove which capture is unknown.
 */
function requests(c: CaseResult, captures: readonly LockInputView[]): number[] | undefined {
  const runs = c.views.timeline?.loadTests ?? [];
  if (runs.length !== captures.length) return undefined;
  return runs.map((r) => r.steps.reduce((a, s) => a + s.requests - s.errors, 0));
}

function workOf(baseline: CaseResult, candidate: CaseResult, bs: readonly LockInputView[], cs: readonly LockInputView[]): { baseline: Work; candidate: Work } | undefined {
  const ba = acquisitions(bs);
  const ca = acquisitions(cs);
  if (ba && ca) return { baseline: { what: 'lock acquisition', ops: ba }, candidate: { what: 'lock acquisition', ops: ca } };
  const br = requests(baseline, bs);
  const cr = requests(candidate, cs);
  if (br && cr) return { baseline: { what: 'successful request', ops: br }, candidate: { what: 'successful request', ops: cr } };
  return undefined;
}

/**
 * How much more (> 0) or less (< 0) work per second the candidate did: successful requests per second
 * of the load tests when both sides ran one, else lock acquisitions per second of the captures.
 */
function workRateChange(baseline: CaseResult, candidate: CaseResult, bs: readonly LockInputView[], cs: readonly LockInputView[]): { change: number; what: string } | undefined {
  // Runs of the kinds both sides have (a side's extra Locust run must not change its rate).
  const kinds = new Set((baseline.views.timeline?.loadTests ?? []).map(runKind));
  const shared = new Set((candidate.views.timeline?.loadTests ?? []).map(runKind).filter((k) => kinds.has(k)));
  const loadRate = (c: CaseResult) => {
    const steps = (c.views.timeline?.loadTests ?? []).filter((r) => shared.has(runKind(r))).flatMap((r) => r.steps);
    const seconds = steps.reduce((a, s) => a + s.durationMs, 0) / 1000;
    return seconds > 0 ? steps.reduce((a, s) => a + s.requests - s.errors, 0) / seconds : undefined;
  };
  const lb = loadRate(baseline);
  const lc = loadRate(candidate);
  if (lb && lc !== undefined) return { change: lc / lb - 1, what: 'successful requests per second in the load test' };
  const ba = acquisitions(bs);
  const ca = acquisitions(cs);
  if (!ba || !ca || ![...bs, ...cs].every((v) => v.spanNs)) return undefined;
  const rate = (ops: number[], vs: readonly LockInputView[]) => meanOf(ops.map((n, i) => n / (vs[i].spanNs! / 1e9)));
  const rb = rate(ba, bs);
  return rb > 0 ? { change: rate(ca, cs) / rb - 1, what: 'lock acquisitions per second' } : undefined;
}

interface Measure {
  unit: FigureUnit;
  /** Appended to a figure's label: how the wait is normalised. */
  per: string;
  of: (v: LockInputView, i: number, side: 'baseline' | 'candidate', ns: number) => number;
}

/**
 * Lock captures of the same program by the same tool on both sides: total wait and the wait of each
 * application caller both sides name. The first pair goes through the locks capability's own
 * before/after comparison (`compareCaptures`), which the report and the UI show as is.
 *
 * Wait per second of capture compares like with like only when both sides did about the same work
 * per second. When the work rate differs by more than the throughput limit — a candidate whose
 * throughput collapsed sends fewer operations to its locks, which wait less for that reason alone —
 * the wait is taken per operation (lock acquisition, or successful request of the load test), and
 * a change in the direction the load difference explains is marked not comparable instead of being
 * called an improvement (or a regression); a change against it is judged.
 */
export function lockFigures(baseline: CaseResult, candidate: CaseResult, throughputLimit: number): { figures: GateFigure[]; comparison?: CaptureComparison } {
  const b = baseline.views.locks?.inputs ?? [];
  const c = candidate.views.locks?.inputs ?? [];
  if (!b.length || !c.length || !comparable(summaryOf(b[0]), summaryOf(c[0]))) return { figures: [] };
  const bs = b.filter((v) => comparable(summaryOf(b[0]), summaryOf(v)));
  const cs = c.filter((v) => comparable(summaryOf(b[0]), summaryOf(v)));
  const comparison = compareCaptures(summaryOf(bs[0]), summaryOf(cs[0]));
  const shift = workRateChange(baseline, candidate, bs, cs);
  const shifted = shift !== undefined && Math.abs(shift.change) > throughputLimit;
  const work = shifted ? workOf(baseline, candidate, bs, cs) : undefined;
  const measure: Measure = work
    ? { unit: 'ns/op', per: ` per ${work.baseline.what}`, of: (_v, i, side, ns) => ns / Math.max(1, work[side].ops[i]) }
    : [...bs, ...cs].every((v) => v.spanNs)
      ? { unit: 'ns/s', per: ' per second of capture', of: (v, _i, _side, ns) => ns / (v.spanNs! / 1e9) }
      : { unit: 'ns', per: '', of: (_v, _i, _side, ns) => ns };
  const word = comparison.timeWord;
  const base: Omit<GateFigure, 'id' | 'label' | 'baseline' | 'candidate'> = {
    capability: 'locks',
    limitKey: 'lock-wait',
    unit: measure.unit,
    better: 'lower',
    baselineSources: bs.map((v) => v.file),
    candidateSources: cs.map((v) => v.file),
  };
  if (shifted) {
    const less = shift.change < 0;
    base.loadShift = {
      explains: less ? 'better' : 'worse',
      text: `the candidate's ${shift.what} ${less ? 'fell' : 'rose'} by ${formatShare(Math.abs(shift.change))}${work ? `, so the wait is compared per ${work.baseline.what}` : ' and no count of operations allows comparing the wait per operation'}`,
    };
  }
  const values = (side: 'baseline' | 'candidate', views: readonly LockInputView[], ns: (v: LockInputView) => number) => views.map((v, i) => measure.of(v, i, side, ns(v)));
  const figures: GateFigure[] = [
    { ...base, id: 'locks.total', label: `total ${word}${measure.per}`, baseline: values('baseline', bs, (v) => v.totalNs), candidate: values('candidate', cs, (v) => v.totalNs) },
  ];
  const callerNs = (label: string) => (v: LockInputView) => v.callers.find((x) => x.label === label)?.totalNs ?? 0;
  // The callers whose wait changed most, as the comparison ranks them, that both sides know.
  for (const d of comparison.callers.filter((x) => x.beforeNs > 0 && x.afterNs > 0).slice(0, 5)) {
    figures.push({ ...base, id: `locks.caller.${d.label}`, label: `${word} in ${d.label}()${measure.per}`, baseline: values('baseline', bs, callerNs(d.label)), candidate: values('candidate', cs, callerNs(d.label)) });
  }
  return { figures, comparison };
}
