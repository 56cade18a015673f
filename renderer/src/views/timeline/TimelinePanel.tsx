import { useMemo, useState } from 'react';
import { Brush, LineChart, ResponsiveContainer, XAxis } from 'recharts';
import type { Finding } from '../../../../analyzers/core/finding';
import type { TimelineView } from '../../../../analyzers/case/saved/timelineView';
import { EvidencePanel, type Selection } from './EvidencePanel';
import { MetricChart } from './MetricChart';
import { MARKER_COLORS } from '../../../../analyzers/report/chartGeometry';
import { chartGroups, formatUtcSeconds, fullRange, inRange, timeTickFormatter, type TimeRange } from './timelineData';
import './timeline.css';
import { formatUtc } from '../../../../analyzers/core/timeFormat';

/** Positions the brush can stop at; the brush works on indexes, the charts on times. */
const BRUSH_STEPS = 400;

/**
 * The incident on one time axis: metric charts stacked (one per unit) with event markers and
 * detection bands, a brush that zooms every chart at once, a cursor shared by all charts, and a
 * side panel with the evidence of whatever was clicked.
 */
export function TimelinePanel({ view, findings }: { view: TimelineView; findings: readonly Finding[] }) {
  const full = useMemo(() => fullRange(view), [view]);
  const stops = useMemo(() => (full ? Array.from({ length: BRUSH_STEPS + 1 }, (_, i) => ({ t: full[0] + (i * (full[1] - full[0])) / BRUSH_STEPS })) : []), [full]);
  const [brush, setBrush] = useState<{ startIndex: number; endIndex: number }>({ startIndex: 0, endIndex: BRUSH_STEPS });
  const [cursorMs, setCursorMs] = useState<number | undefined>();
  const [selection, setSelection] = useState<Selection | undefined>();
  const findingsById = useMemo(() => new Map(findings.map((f) => [f.id, f])), [findings]);

  const range = useMemo(
    (): TimeRange | undefined => (full && stops.length ? [stops[brush.startIndex].t, stops[brush.endIndex].t] : undefined),
    [full, stops, brush.startIndex, brush.endIndex],
  );
  const groups = useMemo(() => (range ? chartGroups(view.series, range) : []), [view.series, range]);
  if (!full || !range) return <p>No metrics or events in the timeline inputs.</p>;

  const events = view.events.filter((e) => inRange(e, range));
  const bands = view.detections.filter((b) => b.endMs >= range[0] && b.startMs <= range[1]);
  const fullTicks = timeTickFormatter(full);
  const ticks = timeTickFormatter(range);
  const zoomTo = (startMs: number, endMs: number) => {
    // Some context either side: the lead-up is usually the interesting part.
    const pad = Math.max((endMs - startMs) * 0.5, (full[1] - full[0]) / 100);
    const toIndex = (ms: number) => Math.round(((ms - full[0]) / (full[1] - full[0])) * BRUSH_STEPS);
    const startIndex = Math.max(0, Math.min(BRUSH_STEPS - 1, toIndex(startMs - pad)));
    setBrush({ startIndex, endIndex: Math.max(startIndex + 1, Math.min(BRUSH_STEPS, toIndex(endMs + pad))) });
  };
  const zoomed = brush.startIndex > 0 || brush.endIndex < BRUSH_STEPS;

  return (
    <section className="timeline" aria-label="Incident timeline">
      {view.notices?.map((n, i) => (
        <p key={i} className="notice">
          {n}
        </p>
      ))}
      <div className="timeline-toolbar">
        <span className="muted">
          {formatUtcSeconds(range[0])} → {formatUtcSeconds(range[1])}
        </span>
        {zoomed && <button onClick={() => setBrush({ startIndex: 0, endIndex: BRUSH_STEPS })}>Show all</button>}
        <span className="legend">
          {Object.entries(MARKER_COLORS).map(([kind, color]) => (
            <span key={kind} className="legend-item">
              <span className="swatch" style={{ background: color }} /> {kind}
            </span>
          ))}
        </span>
      </div>
      <div className="timeline-body">
        <div className="timeline-charts">
          {groups.length === 0 && <p className="muted">No metric series; the events and detections are listed below.</p>}
          {groups.map((g, i) => (
            <MetricChart
              key={g.unit}
              group={g}
              range={range}
              events={events}
              bands={bands}
              cursorMs={cursorMs}
              onCursor={setCursorMs}
              onSelect={setSelection}
              tickFormatter={ticks}
              showEventLabels={i === 0}
              showTimeAxis={i === groups.length - 1}
            />
          ))}
          <ResponsiveContainer width="100%" height={44}>
            <LineChart data={stops} margin={{ top: 0, right: 16, bottom: 0, left: 84 }}>
              <XAxis dataKey="t" type="number" domain={[full[0], full[1]]} hide />
              <Brush
                dataKey="t"
                height={30}
                startIndex={brush.startIndex}
                endIndex={brush.endIndex}
                tickFormatter={(v: number) => fullTicks(v)}
                onChange={(next) => {
                  if (typeof next.startIndex === 'number' && typeof next.endIndex === 'number') setBrush({ startIndex: next.startIndex, endIndex: next.endIndex });
                }}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <EvidencePanel selection={selection} findings={findingsById} onZoom={zoomTo} onClose={() => setSelection(undefined)} />
      </div>
      <div className="timeline-lists">
        <section aria-label="Detections">
          <h3>Detections ({view.detections.length})</h3>
          <ul>
            {view.detections.map((b) => (
              <li key={b.id}>
                <button className="linklike" onClick={() => setSelection({ kind: 'band', band: b })}>
                  <span className={`badge sev-${b.severity}`}>{b.severity}</span> {b.label}
                </button>{' '}
                <span className="muted">{formatUtc(b.startMs)}</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Events">
          <h3>Events ({view.events.length})</h3>
          <ul>
            {view.events.map((e) => (
              <li key={e.id}>
                <span className="muted">{formatUtc(e.atMs)}</span>{' '}
                <button className="linklike" onClick={() => setSelection({ kind: 'event', event: e })}>
                  <span className={`kind kind-${e.kind}`}>{e.kind}</span> {e.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
