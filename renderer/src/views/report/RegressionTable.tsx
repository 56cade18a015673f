import type { GateResult } from '../../../../analyzers/case/saved/regression';
import type { ReportRegression } from '../../../../analyzers/report/reportModel';
import { STATUS_WORDS } from '../../../../analyzers/report/reportFormat';
import { ComparisonTable } from '../locks/ComparisonTable';

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
      <table className="report-table">
        <thead>
          <tr>
            <th>Figure</th>
            <th>Baseline</th>
            <th>Candidate</th>
            <th>Change</th>
            <th>Limit</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {regression.rows.map((r) => (
            <tr key={r.id} title={r.reason} className={`regression-${r.status}`}>
              <th>{r.label}</th>
              <td>{r.baseline}</td>
              <td>{r.candidate}</td>
              <td>{r.change}</td>
              <td>{r.limit}</td>
              <td>{STATUS_WORDS[r.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {gate.lockComparison && <ComparisonTable comparison={gate.lockComparison} />}
    </section>
  );
}
