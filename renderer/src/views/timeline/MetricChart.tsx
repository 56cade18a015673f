import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DetectionBand, TimelineEvent } from '../../../../analyzers/case/saved/timelineView';
import { axisLabel, SEVERITY_COLORS } from '../../../../analyzers/report/chartGeometry';
import { createFirst, drawFirst, removeFirst, type FirstChart, LINE_WIDTH_PX, plotArea, plotPadding, Y_AXIS_PX, type ChartBox } from './firstDraw';
import { formatMetric } from '../../../../analyzers/report/reportFormat';
import { chartColumns, LABEL_SPACING_PX, markerLabels, nearestEvent, SERIES_COLORS, valueAxis, type ChartColumns, type ChartGroup, type TimeRange } from './timelineData';
import type { Selection } from './EvidencePanel';
import type { ChartStyle } from './chartFrame';
import { usePanelVisibility } from '../../components/panelVisibility';
import { markerColor } from '../../markerColor';
import { formatUtc } from '../../../../analyzers/core/timeFormat';
import type { MetricSeries } from '../../../../analyzers/core/timeSeries';

interface Props {
  group: ChartGroup;
  range: TimeRange;
  /** The events in the range. */
  events: readonly TimelineEvent[];
  bands: readonly DetectionBand[];
  /** The marker whose evidence is open, drawn thicker. */
  selectedEventId?: string;
  /** Where the pointer is on the time axis; kept by the caller outside React state, so a hover renders nothing. */
  onCursor: (ms: number | undefined) => void;
  onSelect: (s: Selection) => void;
  /** A span was drag-selected. */
  onZoom: (startMs: number, endMs: number) => void;
  /** Label the markers on this chart (markerLabels: grouped so that they never overlap). */
  showEventLabels: boolean;
  /** The chart's width in CSS pixels, the same for the whole stack; 0 until it is known, or while the chart waits below the fold to be built. */
  width: number;
  style: ChartStyle | undefined;
}

/** Charts with this key share one cursor and one drag selection (uPlot's sync). */
export const SYNC_ID = 'aftermath-timeline';

/** An idle period shorter than this (ms) is left alone: building a plot takes about that long. */
const BUILD_IDLE_MS = 10;
/** Built by then (ms) even if the page is never idle. */
const BUILD_WITHIN_MS = 1000;
/** Every chart of the stack is this tall (CSS pixels), its caption aside. */
const CHART_HEIGHT_PX = 150;
/** A drag narrower than this is a click, not a zoom. */
const MIN_DRAG_PX = 3;

/** A label is centred on its marker, but one within half a label of the plot's edge ends (or starts) at it: centred, it would be cut there. */
const labelSide = (x: number, plotWidth: number) => (x < LABEL_SPACING_PX / 2 ? ' from-marker' : x > plotWidth - LABEL_SPACING_PX / 2 ? ' to-marker' : '');

export function seriesLabel(s: MetricSeries): string {
  const where = s.labels.instance ?? s.labels.host ?? s.labels.pod;
  return where ? `${s.name} (${where})` : s.name;
}

/**
 * One metric chart of the stack, drawn by uPlot on a canvas: every chart gets the same x range and
 * shares the cursor and the drag selection, so a moment reads straight down the stack. The lines are
 * min/max per pixel column of the range in view, so a zoom redraws at most two points a pixel and a
 * spike never disappears. Markers and bands are elements over the plot: clickable, with the event as
 * their tooltip, and drags that start on them still select. The first frame shows the chart's first
 * draw (firstDraw.ts), the uPlot built after it.
 */
export const MetricChart = memo(function MetricChart({ group, range, events, bands, selectedEventId, onCursor, onSelect, onZoom, showEventLabels, width: stackWidth, style }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot>(undefined);
  // The markers and bands: rendered with the chart, in an element of ours that the plot takes in when
  // it is built, so that building the plot does not render the chart again.
  const [overlayHost] = useState(() => {
    const el = document.createElement('div');
    el.setAttribute('aria-hidden', 'true');
    return el;
  });
  const values = useRef<(HTMLSpanElement | null)[]>([]);
  const measured = stackWidth > 0;
  const width = Math.max(100, stackWidth);
  // uPlot's plot area: the value axis on the left and the padding on the right taken off, known without asking the layout.
  const box: ChartBox = useMemo(() => ({ width, height: CHART_HEIGHT_PX, showEventLabels }), [width, showEventLabels]);
  const plotWidth = plotArea(box).width;

  // Nothing is decimated before the width is known: the pass would be thrown away.
  const columns = useMemo((): ChartColumns => (measured ? chartColumns(group, range, plotWidth) : [[], ...group.series.map(() => [])]), [measured, group, range, plotWidth]);
  const yAxis = useMemo(() => valueAxis(columns, range, group.unit), [columns, range, group.unit]);
  // The axis callbacks read the latest figures; the chart itself is built once per group and theme.
  const latest = useRef({ range, columns, yAxis, box, onCursor, onZoom });
  latest.current = { range, columns, yAxis, box, onCursor, onZoom };
  // Until the plot is built: the chart drawn by firstDraw, whose plot area holds the overlay.
  const first = useRef<FirstChart>(undefined);
  // Builds the plot now rather than when the page is idle: the pointer came to use it.
  const buildNow = useRef<(at: { clientX: number; clientY: number }) => void>(undefined);
  // What the chart shows (its uPlot or its first draw), so that a render that changes neither the range nor the width draws nothing.
  const drawn = useRef<{ range: TimeRange; width: number }>(undefined);
  // In a panel not on screen the chart keeps its first draw, painted with the page when the panel
  // shows: a uPlot canvas shown for the first time adds a resource of its own to that frame's commit
  // (about 3 ms a chart here), so the plot is built once the panel is shown.
  const panel = usePanelVisibility();

  const redrawFirst = useCallback(() => {
    const f = first.current;
    if (!f || !style) return;
    const { columns: c, range: r, yAxis: y, box: b } = latest.current;
    drawFirst(f, { box: b, columns: c, range: r, yAxis: y, unit: group.unit, style });
  }, [style, group.unit]);

  // The first frame shows the chart drawn by firstDraw; the uPlot chart (hover readouts, drag-select)
  // replaces it when the page is idle, or as soon as the pointer comes onto it.
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host || !style || !measured) return;
    const firstChart = createFirst(host, overlayHost);
    first.current = firstChart;
    redrawFirst();
    drawn.current = { range: latest.current.range, width: latest.current.box.width };

    const opts: uPlot.Options = {
      width: latest.current.box.width,
      height: CHART_HEIGHT_PX,
      padding: plotPadding(latest.current.box),
      legend: { show: false },
      scales: {
        x: { time: false, auto: false, range: () => [latest.current.range[0], latest.current.range[1]] },
        y: { auto: false, range: () => latest.current.yAxis.domain },
      },
      axes: [
        // The time axis is the ruler over the stack (TimeRuler).
        { show: false },
        {
          stroke: style.text,
          font: style.font,
          size: Y_AXIS_PX,
          gap: 4,
          grid: { stroke: style.line, width: 1, dash: [3, 3] },
          ticks: { show: false },
          splits: () => latest.current.yAxis.ticks,
          values: (_u, splits) => splits.map((v) => axisLabel(v, group.unit)),
        },
      ],
      series: [{}, ...group.series.map((s, k) => ({ label: seriesLabel(s), stroke: SERIES_COLORS[k % SERIES_COLORS.length], width: LINE_WIDTH_PX, spanGaps: true, points: { show: false } }))],
      cursor: {
        sync: { key: SYNC_ID },
        y: false,
        points: { show: false },
        drag: { x: true, y: false, setScale: false },
        // uPlot listens only to events aimed at the plot itself; markers and bands sit on top of it.
        bind: {
          mousedown: (_u, _t, handler) => (e) => {
            if (e.button === 0) handler(e);
            return null;
          },
          mousemove: (_u, _t, handler) => (e) => {
            handler(e);
            return null;
          },
        },
      },
      hooks: {
        setCursor: [
          (u) => {
            const at = u.cursor.left !== undefined && u.cursor.left >= 0 ? u.posToVal(u.cursor.left, 'x') : undefined;
            latest.current.onCursor(at);
            values.current.forEach((el, k) => {
              const i = u.cursor.idxs?.[k + 1];
              const v = i === null || i === undefined ? null : u.data[k + 1][i];
              if (el) el.textContent = v === null || v === undefined || at === undefined ? '' : formatMetric(v, group.unit);
            });
          },
        ],
        setSelect: [
          (u) => {
            if (u.select.width < MIN_DRAG_PX) return;
            const from = u.posToVal(u.select.left, 'x');
            const to = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            latest.current.onZoom(from, to);
          },
        ],
      },
    };
    let u: uPlot | undefined;
    const build = () => {
      cancelIdleCallback(idle);
      if (u) return;
      // Built with its data of the moment, decimated for its width, so that it is drawn once.
      u = new uPlot({ ...opts, width: latest.current.box.width }, latest.current.columns, host);
      drawn.current = { range: latest.current.range, width: u.width };
      removeFirst(firstChart);
      first.current = undefined;
      u.over.appendChild(overlayHost);
      plotRef.current = u;
    };
    const whenIdle = (deadline: IdleDeadline) => {
      if (deadline.timeRemaining() >= BUILD_IDLE_MS || deadline.didTimeout) build();
      else idle = requestIdleCallback(whenIdle, { timeout: BUILD_WITHIN_MS });
    };
    let idle = 0;
    const scheduleBuild = () => void (idle = requestIdleCallback(whenIdle, { timeout: BUILD_WITHIN_MS }));
    let stopWaiting: (() => void) | undefined;
    if (panel.shown()) scheduleBuild();
    else stopWaiting = panel.whenShown(scheduleBuild);
    buildNow.current = (at) => {
      if (u) return;
      build();
      // The readouts where the pointer already is, without waiting for it to move.
      const plot = plotRef.current;
      const r = plot?.over.getBoundingClientRect();
      if (plot && r) plot.setCursor({ left: at.clientX - r.left, top: at.clientY - r.top });
    };
    return () => {
      cancelIdleCallback(idle);
      stopWaiting?.();
      buildNow.current = undefined;
      removeFirst(firstChart);
      first.current = undefined;
      u?.destroy();
      plotRef.current = undefined;
    };
  }, [style, measured, group, showEventLabels, overlayHost, redrawFirst, panel]);

  useEffect(() => {
    const plot = plotRef.current;
    if (drawn.current?.range === range && drawn.current.width === width) return;
    drawn.current = { range, width };
    if (!plot) return redrawFirst();
    plot.batch(() => {
      if (plot.width !== width) plot.setSize({ width, height: CHART_HEIGHT_PX });
      plot.setData(columns, false);
      plot.setScale('x', { min: range[0], max: range[1] });
      plot.setScale('y', { min: yAxis.domain[0], max: yAxis.domain[1] });
    });
  }, [columns, range, yAxis, width, redrawFirst]);

  const eventLabels = useMemo(() => (showEventLabels && measured ? markerLabels(events, range, plotWidth) : undefined), [showEventLabels, measured, events, range, plotWidth]);
  const span = range[1] - range[0] || 1;
  const px = (ms: number) => ((ms - range[0]) / span) * plotWidth;
  // Hit areas overlap where markers are close; a click opens the one nearest the pointer, not the one on top.
  const pointerMs = (clientX: number) => range[0] + ((clientX - overlayHost.getBoundingClientRect().left) / plotWidth) * span;
  const ids = new Set(group.series.map((s) => s.id));
  const myBands = bands.filter((b) => b.seriesIds.length === 0 || b.seriesIds.some((id) => ids.has(id)));
  // Hidden from assistive technology (overlayHost): the lists below the charts name every event and
  // detection, and [ and ] step through the markers from the keyboard.
  const overlay = measured && (
    <>
      {myBands.map((b) => {
        const left = Math.max(0, px(b.startMs));
        const right = Math.min(plotWidth, Math.max(px(b.endMs), left + 2));
        return (
          <div
            key={b.id}
            className="band"
            title={`${b.severity}: ${b.label}`}
            style={{ left, width: right - left, background: SEVERITY_COLORS[b.severity], borderColor: SEVERITY_COLORS[b.severity] }}
            onClick={() => onSelect({ kind: 'band', band: b })}
          />
        );
      })}
      {/* An event that lasts (an alert's firing window) shades its span behind its start line. */}
      {events.map((e) => {
        if (e.endMs === undefined) return null;
        const left = Math.max(0, px(e.atMs));
        const right = Math.min(plotWidth, Math.max(px(e.endMs), left + 2));
        return right > left ? <div key={`${e.id}-span`} className="band event-span" style={{ left, width: right - left, background: markerColor(e.kind), borderColor: markerColor(e.kind) }} onClick={() => onSelect({ kind: 'event', event: e })} /> : null;
      })}
      {events.map((e) => (
        <div
          key={e.id}
          className={`marker kind-${e.kind}${e.id === selectedEventId ? ' selected' : ''}`}
          title={`${formatUtc(e.atMs)} ${e.kind}: ${e.title}`}
          style={{ left: px(e.atMs), color: markerColor(e.kind) }}
          onClick={(click) => onSelect({ kind: 'event', event: nearestEvent(events, pointerMs(click.clientX)) ?? e })}
        >
          {eventLabels?.has(e.id) && <span className={`marker-label${labelSide(px(e.atMs), plotWidth)}`}>{eventLabels.get(e.id)}</span>}
        </div>
      ))}
    </>
  );

  return (
    <figure className="timeline-chart" aria-label={`Chart of ${group.series.map(seriesLabel).join(', ')}`}>
      <figcaption className="muted">
        {group.series.map((s, k) => (
          <span key={s.id} className="series-key">
            <span className="swatch" style={{ background: SERIES_COLORS[k % SERIES_COLORS.length] }} />
            {seriesLabel(s)} <span className="series-value" ref={(el) => void (values.current[k] = el)} />
          </span>
        ))}
        {group.unit && <span className="unit">{group.unit}</span>}
      </figcaption>
      <div className="timeline-plot" ref={hostRef} style={{ height: CHART_HEIGHT_PX }} onPointerEnter={(e) => buildNow.current?.(e)} />
      {overlay && createPortal(overlay, overlayHost)}
    </figure>
  );
});
