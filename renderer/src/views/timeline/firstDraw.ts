import { axisLabel, timeTicks } from '../../../../analyzers/report/chartGeometry';
import type { MetricUnit } from '../../../../analyzers/core/timeSeries';
import type { ChartStyle } from './chartFrame';
import { SERIES_COLORS, type ChartColumns, type TimeRange } from './timelineData';

/** The value axis' width on the left of every plot, and the padding on its right. */
export const Y_AXIS_PX = 84;
export const RIGHT_PX = 16;
/** The time axis' height under the last chart. */
export const X_AXIS_PX = 28;
const X_TICK_PX = 4;
/** Between a tick and its label: uPlot's default for the time axis, ours for the value axis. */
const X_LABEL_GAP_PX = 5;
const Y_LABEL_GAP_PX = 4;
export const LINE_WIDTH_PX = 1.5;

/** A chart's layout, as uPlot lays it out from the same figures (its padding, its axes' sizes). */
export interface ChartBox {
  width: number;
  height: number;
  showTimeAxis: boolean;
  /** Room above the plot for the marker labels. */
  showEventLabels: boolean;
}

/** uPlot's padding (top, right, bottom, left) for the box. */
export const plotPadding = (box: ChartBox): [number, number, number, number] => [box.showEventLabels ? 18 : 6, RIGHT_PX, box.showTimeAxis ? 0 : 8, 0];

/** Where the plot area (the lines, markers and bands) sits in the chart, in CSS pixels. */
export function plotArea(box: ChartBox): { left: number; top: number; width: number; height: number } {
  const [top, right, bottom, left] = plotPadding(box);
  return { left: Y_AXIS_PX + left, top, width: box.width - Y_AXIS_PX - left - right, height: box.height - top - bottom - (box.showTimeAxis ? X_AXIS_PX : 0) };
}

export interface FirstDraw {
  box: ChartBox;
  columns: ChartColumns;
  range: TimeRange;
  yAxis: { domain: [number, number]; ticks: number[] };
  unit: MetricUnit;
  style: ChartStyle;
  tickFormatter: (ms: number) => string;
}

/**
 * A chart drawn as uPlot draws it (value grid and labels, time ticks and labels, the lines), on a
 * canvas of our own: what the first frame shows while the uPlot chart, whose construction and first
 * draw cost several times this, is built when the page is idle. Drawn again, not built again, when
 * the range or the width changes before then. The axis labels are elements in `labels` rather than
 * canvas text: a canvas' first text costs milliseconds (its fonts are set up on first use), the
 * elements next to nothing.
 */
export function drawFirst(canvas: HTMLCanvasElement, labels: HTMLElement, d: FirstDraw): void {
  const { box, columns, range, yAxis, style } = d;
  const ratio = devicePixelRatio || 1;
  const [pw, ph] = [Math.round(box.width * ratio), Math.round(box.height * ratio)];
  if (canvas.width !== pw || canvas.height !== ph) [canvas.width, canvas.height] = [pw, ph];
  canvas.style.width = `${box.width}px`;
  canvas.style.height = `${box.height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, box.width, box.height);
  const area = plotArea(box);
  const xSpan = range[1] - range[0] || 1;
  const ySpan = yAxis.domain[1] - yAxis.domain[0] || 1;
  const xPos = (ms: number) => area.left + ((ms - range[0]) / xSpan) * area.width;
  const yPos = (v: number) => area.top + (1 - (v - yAxis.domain[0]) / ySpan) * area.height;

  const texts: HTMLSpanElement[] = [];
  const label = (text: string, css: Partial<CSSStyleDeclaration>) => {
    const span = document.createElement('span');
    span.textContent = text;
    Object.assign(span.style, css);
    texts.push(span);
  };
  labels.style.font = style.font;
  labels.style.color = style.text;

  ctx.strokeStyle = style.line;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  for (const v of yAxis.ticks) {
    const y = Math.round(yPos(v)) + 0.5;
    ctx.moveTo(area.left, y);
    ctx.lineTo(area.left + area.width, y);
    // Right-aligned at the gap's edge, centred on the line.
    label(axisLabel(v, d.unit), { right: `${box.width - area.left + Y_LABEL_GAP_PX}px`, top: `${y}px`, transform: 'translateY(-50%)' });
  }
  ctx.stroke();
  ctx.setLineDash([]);

  if (box.showTimeAxis) {
    const bottom = area.top + area.height;
    ctx.beginPath();
    for (const t of timeTicks(range[0], range[1])) {
      const x = Math.round(xPos(t)) + 0.5;
      ctx.moveTo(x, bottom);
      ctx.lineTo(x, bottom + X_TICK_PX);
      label(d.tickFormatter(t), { left: `${x}px`, top: `${bottom + X_TICK_PX + X_LABEL_GAP_PX}px`, transform: 'translateX(-50%)' });
    }
    ctx.stroke();
  }
  labels.replaceChildren(...texts);

  ctx.save();
  ctx.beginPath();
  ctx.rect(area.left, area.top, area.width, area.height);
  ctx.clip();
  ctx.lineWidth = LINE_WIDTH_PX;
  ctx.lineJoin = 'round';
  const [times, ...values] = columns;
  values.forEach((column, k) => {
    ctx.strokeStyle = SERIES_COLORS[k % SERIES_COLORS.length];
    ctx.beginPath();
    // Gaps are spanned, as the uPlot chart spans them.
    let started = false;
    column.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      if (started) ctx.lineTo(xPos(times[i]), yPos(v));
      else ctx.moveTo(xPos(times[i]), yPos(v));
      started = true;
    });
    ctx.stroke();
  });
  ctx.restore();
}
