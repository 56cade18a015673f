import type { GateResult } from '../../../../analyzers/case/saved/regression';
import type { ReportRegression } from '../../../../analyzers/report/reportModel';
import { ComparisonTable } from '../locks/ComparisonTable';
import { FigureTable } from '../regression/FigureTable';

/**
 * `aftermath gate`'s before/after: every compared figure, baseline against candidate, with the
 * verdict and its reason on hover; the lock captures' own comparison under it, as the Locks tab draws it.
 */
export function RegressionTable({ regression, gate }: { regression: ReportRegression; gate: GateResult }) {
  const regressed = regression.rows.filter((r) => r.status === 'regressed').length;
  return (
    <section className="report-regression" aria-label="Regression against the baseline">
      <h2>Regression against the baseline</h2>
      <p>
        <strong>{regression.verdict === 'fail' ? 'FAIL' : 'PASS'}</strong> — {regressed} of {regression.rows.length} compared figures regressed past their limit.
      </p>
      <p className="muted">{regression.test}</p>
      <FigureTable rows={regression.rows} withReason={false} />
      {gate.lockComparison && <ComparisonTable comparison={gate.lockComparison} />}
    </section>
  );
}
