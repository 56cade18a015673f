import type { Finding } from '../../../../analyzers/core/finding';
import { FindingEvidence } from '../../components/FindingEvidence';
import type { DetectionBand, TimelineEvent } from '../../../../analyzers/case/saved/timelineView';
import { formatUtc } from '../../../../analyzers/core/timeFormat';

export type Selection = { kind: 'event'; event: TimelineEvent } | { kind: 'band'; band: DetectionBand };

interface Props {
  selection: Selection | undefined;
  findings: ReadonlyMap<string, Finding>;
  onZoom: (startMs: number, endMs: number) => void;
  onClose: () => void;
}

/** A finding opened from the timeline: its title, then the same evidence the Findings tab shows. */
function FindingSection({ finding }: { finding: Finding }) {
  return (
    <section aria-label="Finding evidence">
      <h4>
        <span className={`badge sev-${finding.severity}`}>{finding.severity}</span> {finding.title}
      </h4>
      <FindingEvidence finding={finding} />
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
      {finding && <FindingSection finding={finding} />}
    </aside>
  );
}
