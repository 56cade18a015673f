import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Finding } from '../../../../analyzers/core/finding';
import type { TimelineView } from '../../../../analyzers/case/saved/timelineView';
import { EvidencePanel, type Selection } from './EvidencePanel';
import { MetricChart } from './MetricChart';
import { useChartStyle, useChartsToBuild, useShownAfter, useStackWidth } from './chartFrame';
import { RangeStrip } from './RangeStrip';
import { placeCursor, TimeRuler } from './TimeRuler';
import { TimelineLists } from './TimelineLists';
import { MARKER_COLORS } from '../../../../analyzers/report/chartGeometry';
import { markerColor } from '../../markerColor';
import { chartGroups, formatUtcSeconds, fullRange, inRange, nextMarker, panTo, timeTickFormatter, zoomRange, type TimeRange } from './timelineData';
import './timeline.css';

/** One wheel notch or key press zooms by this factor. */
const ZOOM_STEP = 1.5;
/** An arrow key pans by this share of the range. */
const PAN_STEP = 0.2;

/**
 * The incident on one time axis: metric charts stacked (one per unit and magnitude) with event markers and
 * detection bands, a cursor shared by all charts, the range strip and the time ruler over them, and a side panel with the evidence of whatever
 * was clicked. Zoom and pan every chart at once: drag-select a span, Ctrl+wheel (Shift+wheel pans),
 * the keyboard on the focused charts (+/− or W/S zoom, ←/→ or A/D pan, 0 shows all, [ and ] step
 * through the markers), or the range strip.
 */
export const TimelinePanel = memo(function TimelinePanel({ view, findings }: { view: TimelineView; findings: readonly Finding[] }) {
  const full = useMemo(() => fullRange(view), [view]);
  const [stack, setStack] = useState<HTMLDivElement | null>(null);
  const stackWidth = useStackWidth(stack);
  const chartStyle = useChartStyle(stack);
  const [zoom, setZoom] = useState<TimeRange>();
  const [charts, setCharts] = useState<HTMLDivElement | null>(null);
  // Where the pointer (or the last marker stepped to) is: the moment zooms keep in place. A ref, not
  // state: a hover must not render the panel.
  const cursorMs = useRef<number | undefined>(undefined);
  const cursorReadout = useRef<HTMLSpanElement>(null);
  const [selection, setSelection] = useState<Selection | undefined>();
  const findingsById = useMemo(() => new Map(findings.map((f) => [f.id, f])), [findings]);

  const range: TimeRange | undefined = full && (zoom ?? full);
  const groups = useMemo(() => chartGroups(view.series), [view.series]);
  const built = useChartsToBuild(stack, groups.length);
  const listsShown = useShownAfter(charts);
  const events = useMemo(() => (range ? view.events.filter((e) => inRange(e, range)) : []), [view.events, range]);
  const bands = useMemo(() => (range ? view.detections.filter((b) => b.endMs >= range[0] && b.startMs <= range[1]) : []), [view.detections, range]);
  const ticks = useMemo(() => timeTickFormatter(range ?? [0, 1]), [range]);
  const latest = useRef({ range, full });
  latest.current = { range, full };
  const onCursor = useCallback((ms: number | undefined) => {
    // Every chart of the stack reports the same moment (their cursors are synced): place it once.
    if (ms === cursorMs.current) return;
    cursorMs.current = ms;
    const r = latest.current.range;
    if (r) placeCursor(cursorReadout.current, ms, r);
  }, []);
  const onZoom = useCallback((startMs: number, endMs: number) => {
    const f = latest.current.full;
    if (f) setZoom([Math.max(f[0], startMs), Math.min(f[1], Math.max(endMs, startMs + 1000))]);
  }, []);
  // Ctrl+wheel zooms around the pointer, Shift+wheel pans; a plain wheel scrolls the page as usual.
  // A listener of its own: React's wheel handlers are passive and cannot keep the page from zooming.
  useEffect(() => {
    const el = charts;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const { range: r, full: f } = latest.current;
      const at = cursorMs.current;
      if (!r || !f || !(e.ctrlKey || e.metaKey || e.shiftKey)) return;
      e.preventDefault();
      const delta = e.deltaY || e.deltaX;
      if (e.shiftKey) setZoom(zoomRange(r, f, 1, undefined, Math.sign(delta) * PAN_STEP));
      else setZoom(zoomRange(r, f, delta < 0 ? 1 / ZOOM_STEP : ZOOM_STEP, at));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [charts]);
  if (!full || !range) return <p>No metrics or events in the timeline inputs.</p>;

  const fullTicks = timeTickFormatter(full);
  const zoomTo = (startMs: number, endMs: number) => {
    // Some context either side: the lead-up is usually the interesting part.
    const pad = Math.max((endMs - startMs) * 0.5, (full[1] - full[0]) / 100);
    onZoom(startMs - pad, endMs + pad);
  };
  const zoomed = range[0] > full[0] || range[1] < full[1];
  const selectedEventId = selection?.kind === 'event' ? selection.event.id : undefined;

  const onKeyDown = (e: KeyboardEvent) => {
    const key = e.key.toLowerCase();
    // Through every marker, as Perfetto steps through events: one out of view brings the view to it.
    const step = (dir: 1 | -1) => {
      const next = nextMarker(view.events, selectedEventId, dir);
      if (!next) return;
      cursorMs.current = next.atMs;
      setSelection({ kind: 'event', event: next });
      if (!inRange(next, range)) setZoom(panTo(range, full, next.atMs));
    };
    if (key === '+' || key === '=' || key === 'w') setZoom(zoomRange(range, full, 1 / ZOOM_STEP, cursorMs.current));
    else if (key === '-' || key === 's') setZoom(zoomRange(range, full, ZOOM_STEP, cursorMs.current));
    else if (key === 'arrowleft' || key === 'a') setZoom(zoomRange(range, full, 1, undefined, -PAN_STEP));
    else if (key === 'arrowright' || key === 'd') setZoom(zoomRange(range, full, 1, undefined, PAN_STEP));
    else if (key === '0') setZoom(undefined);
    else if (key === ']') step(1);
    else if (key === '[') step(-1);
    else return;
    e.preventDefault();
  };

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
        {zoomed && <button onClick={() => setZoom(undefined)}>Show all</button>}
        <span className="legend">
          {(Object.keys(MARKER_COLORS) as (keyof typeof MARKER_COLORS)[]).map((kind) => (
            <span key={kind} className="legend-item">
              <span className="swatch" style={{ background: markerColor(kind) }} /> {kind}
            </span>
          ))}
        </span>
      </div>
      <div className="timeline-body">
        <div
          className="timeline-charts"
          ref={setCharts}
          tabIndex={0}
          role="group"
          aria-label="Metric charts: drag to zoom; keys + and − zoom, ← and → pan, 0 shows all, [ and ] go to the previous and next marker"
          aria-keyshortcuts="+ - ArrowLeft ArrowRight 0 [ ]"
          onKeyDown={onKeyDown}
        >
          {groups.length === 0 && <p className="muted">No metric series; the events and detections are listed below.</p>}
          <div className="timeline-head">
            <RangeStrip full={full} range={range} onChange={setZoom} tickFormatter={fullTicks} />
            <TimeRuler range={range} tickFormatter={ticks} cursorRef={cursorReadout} />
          </div>
          <div ref={setStack}>
            {groups.map((g, i) => (
              <MetricChart
                key={g.key}
                group={g}
                range={range}
                events={events}
                bands={bands}
                selectedEventId={selectedEventId}
                onCursor={onCursor}
                onSelect={setSelection}
                onZoom={onZoom}
                showEventLabels={i === 0}
                width={built[i] ? stackWidth : 0}
                style={chartStyle}
              />
            ))}
          </div>
        </div>
        <EvidencePanel selection={selection} findings={findingsById} onZoom={zoomTo} onClose={() => setSelection(undefined)} />
      </div>
      {listsShown && <TimelineLists view={view} onSelect={setSelection} />}
    </section>
  );
});
