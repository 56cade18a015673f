import type { TimelineView } from '../../../../analyzers/case/saved/timelineView';
import { formatUtc } from '../../../../analyzers/core/timeFormat';
import type { Selection } from './EvidencePanel';
import { useRovingFocus } from '../../components/useRovingFocus';

/** Every detection and event of the timeline by name, under the charts: what a marker too close to its neighbours to click is opened from. */
export function TimelineLists({ view, onSelect }: { view: TimelineView; onSelect: (s: Selection) => void }) {
  const detections = useRovingFocus<HTMLUListElement>('button');
  const events = useRovingFocus<HTMLUListElement>('button');
  return (
    <div className="timeline-lists">
      <section aria-label="Detections">
        <h3>Detections ({view.detections.length})</h3>
        <ul {...detections}>
          {view.detections.map((b) => (
            <li key={b.id}>
              <button className="linklike" onClick={() => onSelect({ kind: 'band', band: b })}>
                <span className={`badge sev-${b.severity}`}>{b.severity}</span> {b.label}
              </button>{' '}
              <span className="muted">{formatUtc(b.startMs)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Events">
        <h3>Events ({view.events.length})</h3>
        <ul {...events}>
          {view.events.map((e) => (
            <li key={e.id}>
              <span className="muted">{formatUtc(e.atMs)}</span>{' '}
              <button className="linklike" onClick={() => onSelect({ kind: 'event', event: e })}>
                <span className={`kind kind-${e.kind}`}>{e.kind}</span> {e.title}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
