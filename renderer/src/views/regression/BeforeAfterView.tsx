import type { GateFigure, GateResult } from '../../../../analyzers/case/saved/regression';
import type { ReportRegression } from '../../../../analyzers/report/reportModel';
import { FigureTable } from './FigureTable';

/** The capabilities in the order the case's tabs show them, each with the words its section is titled by. */
const SECTIONS: readonly { capability: GateFigure['capability']; title: string }[] = [
  { capability: 'load-test', title: 'Load test' },
  { capability: 'timeline', title: 'Metrics' },
  { capability: 'locks', title: 'Locks' },
  { capability: 'alloc', title: 'Allocations' },
  { capability: 'heap', title: 'Heap' },
];

/**
 * The gate's comparison of the case with the files marked as its baseline, one section per
 * capability both sides have: each figure baseline against candidate, its change, limit and verdict,
 * and why — the same judgment `aftermath gate` prints and the report's regression section holds.
 */
export function BeforeAfterView({ gate, regression }: { gate: GateResult; regression: ReportRegression }) {
  const regressed = gate.figures.filter((f) => f.status === 'regressed').length;
  const capabilityOf = new Map(gate.figures.map((f) => [f.id, f.capability]));
  // The report's rows, worded and ranked (regressions first) as the regression section has them.
  const sections = SECTIONS.map((s) => ({ ...s, rows: regression.rows.filter((r) => capabilityOf.get(r.id) === s.capability) })).filter((s) => s.rows.length > 0);
  return (
    <div className="before-after">
      <p>
        <strong>{gate.verdict === 'fail' ? 'FAIL' : 'PASS'}</strong> — {regressed} of {gate.figures.length} compared figures regressed past their limit.
      </p>
      <p className="muted">
        Baseline: {gate.baselineFiles.join(', ')}. Candidate: {gate.candidateFiles.join(', ')}.
      </p>
      <p className="muted">{gate.testDescription}</p>
      {sections.map((s) => (
        <section key={s.capability} aria-label={`${s.title}: before and after`}>
          <h2>{s.title}</h2>
          <FigureTable rows={s.rows} withReason />
        </section>
      ))}
    </div>
  );
}
