import type { ReportRegression } from '../../../../analyzers/report/reportModel';
import { STATUS_WORDS } from '../../../../analyzers/report/reportFormat';

/**
 * Compared figures, baseline against candidate, with the change, limit and verdict; why each was
 * judged so in a column of its own (`withReason`) or on hover.
 */
export function FigureTable({ rows, withReason }: { rows: ReportRegression['rows']; withReason: boolean }) {
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th>Figure</th>
          <th>Baseline</th>
          <th>Candidate</th>
          <th>Change</th>
          <th>Limit</th>
          <th>Verdict</th>
          {withReason && <th>Why</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} title={withReason ? undefined : r.reason} className={`regression-${r.status}`}>
            <th>{r.label}</th>
            <td>{r.baseline}</td>
            <td>{r.candidate}</td>
            <td>{r.change}</td>
            <td>{r.limit}</td>
            <td>{STATUS_WORDS[r.status]}</td>
            {withReason && <td className="muted">{r.reason}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
