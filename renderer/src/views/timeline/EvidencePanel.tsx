import type { EvidenceItem, Finding } from '../../../../analyzers/core/finding';
import { formatDuration } from '../../../../analyzers/timeline/timeText';
import { formatBytes } from '../../format';
import type { DetectionBand, TimelineEvent } from '../../../../analyzers/timeline/view';
import { formatUtc } from './timelineData';

export type Selection = { kind: 'event'; event: TimelineEvent } | { kind: 'band'; band: DetectionBand };

interface Props {
  selection: Selection | undefined;
  findings: ReadonlyMap<string, Finding>;
  onZoom: (startMs: number, endMs: number) => void;
  onClose: () => void;
}

/** Evidence numbers as people read them: sizes in binary units, durations in h/min/s. */
function evidenceValue(value: string | number, unit: EvidenceItem['unit']): string {
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'bytes/h':
      return `${formatBytes(value)}/h`;
    case 'ms':
      return value >= 1000 ? formatDuration(value) : `${value} ms`;
    case 'ns':
      return value >= 1e6 ? formatDuration(value / 1e6) : `${value.toLocaleString('en-US')} ns`;
    case undefined:
    case 'count':
    case 'ratio':
      return value.toLocaleString('en-US');
    default:
      return `${value.toLocaleString('en-US')} ${unit}`;
  }
}

/** A finding's proof, as text: numbers, chains of steps, the fix. */
function FindingEvidence({ finding }: { finding: Finding }) {
  return (
    <section aria-label="Finding evidence">
      <h4>
        <span className={`badge sev-${finding.severity}`}>{finding.severity}</span> {finding.title}
      </h4>
      <p>{finding.detail}</p>
      {finding.window && (
        <p className="muted">
          {formatUtc(finding.window.startMs)}
          {finding.window.endMs !== undefined && ` → ${formatUtc(finding.window.endMs)}`}
        </p>
      )}
      {finding.evidence.length > 0 && (
        <table className="timeline-evidence">
          <tbody>
            {finding.evidence.map((e, i) => (
              <tr key={i}>
                <th scope="row">{e.label}</th>
                <td>{evidenceValue(e.value, e.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {finding.paths.map((p, i) => (
        <div key={i} className="path">
          <div className="muted">{p.label}</div>
          <ol>
            {p.steps.map((s, j) => (
              <li key={j}>
                <code>{s}</code>
              </li>
            ))}
          </ol>
        </div>
      ))}
      {finding.suggestedFix && (
        <p>
          <strong>Suggested fix:</strong> {finding.suggestedFix}
        </p>
      )}
      <p className="muted">From {finding.sources.join(', ')}</p>
    </section>
  );
}

/** The side panel: what a clicked marker or band stands for, with its evidence. */
export function EvidencePanel({ selection, findings, onZoom, onClose }: Props) {
  if (!selection) {
    return (
      <aside className="timeline-side" aria-label="Evidence">
        <p className="muted">Click a marker or a shaded band (or an entry in the lists below) to see its evidence.</p>
      </aside>
    );
  }
  const finding = findings.get(selection.kind === 'event' ? (selection.event.findingId ?? '') : selection.band.findingId);
  const [start, end] = selection.kind === 'event' ? [selection.event.atMs, selection.event.atMs] : [selection.band.startMs, selection.band.endMs];
  return (
    <aside className="timeline-side" aria-label="Evidence">
      <div className="actions">
        <button onClick={() => onZoom(start, end)}>Zoom to this</button>
        <button onClick={onClose}>Close</button>
      </div>
      {selection.kind === 'event' && (
        <section aria-label="Event">
          <h3>
            <span className={`kind kind-${selection.event.kind}`}>{selection.event.kind}</span> {selection.event.title}
          </h3>
          <p className="muted">
            {formatUtc(selection.event.atMs)}
            {selection.event.service && ` · ${selection.event.service}`} · {selection.event.source}
          </p>
          {selection.event.detail && !finding && <p className="event-detail">{selection.event.detail}</p>}
        </section>
      )}
      {selection.kind === 'band' && !finding && <h3>{selection.band.label}</h3>}
      {finding && <FindingEvidence finding={finding} />}
    </aside>
  );
}
