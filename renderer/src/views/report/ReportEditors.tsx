import type { ReportEdits } from '../../../../analyzers/case/reportEdits';
import { ACTION_PRIORITIES, type FindingRef, type RcaReport } from '../../../../analyzers/report/reportModel';
import { addActionItem, addWhy, removeActionItem, setActionItem, setNote, setWhy } from './reportEditing';
import { formatUtc } from '../../../../analyzers/core/timeFormat';
import { timelineSource } from '../../../../analyzers/report/reportFormat';

interface EditorProps {
  report: RcaReport;
  edits: ReportEdits;
  onEdits: (edits: ReportEdits) => void;
}

export function FindingLabel({ finding }: { finding: FindingRef }) {
  return (
    <>
        <span className={`badge sev-${finding.severity}`}>{finding.severity}</span> {finding.title} <span className="muted">({finding.analysis})</span>
    </>
  );
}

export function TimelineEditor({ report, edits, onEdits }: EditorProps) {
  if (report.timeline.length === 0) return <p className="muted">No input carries time.</p>;
  return (
    <>
      <table className="report-table" aria-label="Timeline">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Type</th>
            <th>What happened</th>
            <th>Source</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {report.timeline.map((e) => (
            <tr key={e.key}>
              <td className="nowrap">
                {e.atMs === undefined ? '' : formatUtc(e.atMs)}
                {e.endMs !== undefined && <div className="muted">→ {formatUtc(e.endMs)}</div>}
              </td>
              <td>
                {e.kind}: {e.tag}
              </td>
              <td>{e.title}</td>
              <td>{timelineSource(e)}</td>
              <td>
                <input aria-label={`Note for ${e.title}`} value={e.note} onChange={(ev) => onEdits(setNote(edits, e.key, ev.target.value))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.timelinePlacement && (
        <ul className="muted" aria-label="How times were placed">
          {report.timelinePlacement.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function FiveWhysEditor({ report, edits, onEdits }: EditorProps) {
  return (
    <>
        <ol className="report-whys">
          {report.fiveWhys.map((w, i) => (
            <li key={i}>
              <label>
                <strong>{w.question}</strong>
                <textarea rows={2} aria-label={`Why ${i + 1}`} value={w.answer} onChange={(ev) => onEdits(setWhy(report, edits, i, ev.target.value))} />
              </label>
            </li>
          ))}
        </ol>
        <button onClick={() => onEdits(addWhy(report, edits))}>Add a why</button>
    </>
  );
}

export function ActionItemsEditor({ report, edits, onEdits }: EditorProps) {
  return (
    <>
        <table className="report-table" aria-label="Action items">
          <thead>
            <tr>
              <th>Action</th>
              <th>Owner</th>
              <th>Priority</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {report.actionItems.map((a, i) => (
              <tr key={i}>
                <td>
                  <textarea rows={2} aria-label={`Action ${i + 1}`} value={a.text} onChange={(ev) => onEdits(setActionItem(report, edits, i, { text: ev.target.value }))} />
                </td>
                <td>
                  <input aria-label={`Owner of action ${i + 1}`} placeholder="unassigned" value={a.owner} onChange={(ev) => onEdits(setActionItem(report, edits, i, { owner: ev.target.value }))} />
                </td>
                <td>
                  <select aria-label={`Priority of action ${i + 1}`} value={a.priority} onChange={(ev) => onEdits(setActionItem(report, edits, i, { priority: ev.target.value }))}>
                    {[...new Set([...ACTION_PRIORITIES, a.priority])].map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button aria-label={`Remove action ${i + 1}`} onClick={() => onEdits(removeActionItem(report, edits, i))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button onClick={() => onEdits(addActionItem(report, edits))}>Add an action item</button>
    </>
  );
}
