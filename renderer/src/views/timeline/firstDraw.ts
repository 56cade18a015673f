import { axisLabel } from '../../../../analyzers/report/chartGeometry';
import type { MetricUnit } from '../../../../analyzers/core/timeSeries';
import type { ChartStyle } from './chartFrame';
import { SERIES_COLORS, type ChartColumns, type TimeRange } from './timelineData';

/** The value axis' width on the left of every plot, and the padding on its right. */
export const Y_AXIS_PX = 84;
export const RIGHT_PX = 16;
/** Between a value tick's line and its label. */
const Y_LABEL_GAP_PX = 4;
export const LINE_WIDTH_PX = 1.5;
/** The width of one path of a first-draw line (see drawFirst). */
const PATH_SPAN_PX = 128;
/** The lines' coordinates are in tenths of a pixel (see drawFirst). */
const TENTHS = 10;

/** A chart's layout, as uPlot lays it out from the same figures (its padding, its axes' sizes). */
export interface ChartBox {
  width: number;
  height: number;
  /** Room above the plot for the marker labels. */
  showEventLabels: boolean;
}

/** uPlot's padding (top, right, bottom, left) for the box. */
export const plotPadding = (box: ChartBox): [number, number, number, number] => [box.showEventLabels ? 18 : 6, RIGHT_PX, 8, 0];

/** Where the plot area (the lines, markers and bands) sits in the chart, in CSS pixels. */
export function plotArea(box: ChartBox): { left: number; top: number; width: number; height: number } {
  const [top, right, bottom, left] = plotPadding(box);
  return { left: Y_AXIS_PX + left, top, width: box.width - Y_AXIS_PX - left - right, height: box.height - top - bottom };
}

export interface FirstDraw {
  box: ChartBox;
  columns: ChartColumns;
  range: TimeRange;
  yAxis: { domain: [number, number]; ticks: number[] };
  unit: MetricUnit;
  style: ChartStyle;
}

const SVG = 'http://www.w3.org/2000/svg';

/** The elements of a chart's first draw, made once and drawn again while the chart waits for its uPlot. */
export interface FirstChart {
  /** The grid, ticks and lines. */
  svg: SVGSVGElement;
  /** The axis labels. */
  labels: HTMLDivElement;
  /** The plot area's box: what the markers and bands are positioned in. */
  over: HTMLDivElement;
}

/** The first draw's elements, appended to `host` (the plot's box, positioned), `overlay` in the plot area. */
export function createFirst(host: HTMLElement, overlay: HTMLElement): FirstChart {
  const svg = document.createElementNS(SVG, 'svg');
  svg.classList.add('first-draw');
  const labels = document.createElement('div');
  labels.className = 'first-labels';
  const over = document.createElement('div');
  over.className = 'first-over';
  over.appendChild(overlay);
  host.append(svg, labels, over);
  return { svg, labels, over };
}

export const removeFirst = (f: FirstChart) => [f.svg, f.labels, f.over].forEach((el) => el.remove());

function svgPath(d: string, stroke: string, attrs: Record<string, string> = {}): SVGPathElement {
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('stroke', stroke);
  for (const [k, v] of Object.entries(attrs)) path.setAttribute(k, v);
  return path;
}

/**
 * A chart drawn as uPlot draws it (value grid and labels, time ticks and labels, the lines) in
 * elements of our own: what the first frame shows while the uPlot chart, whose construction and
 * first draw cost several times this, is built when the page is idle. Drawn again, not built
 * again, when the range or the width changes before then. SVG and text elements rather than a
 * canvas: a canvas' first use (its context, its bitmap, its fonts) costs milliseconds of the
 * click's task each, the elements are painted with the rest of the page.
 */
export function drawFirst(f: FirstChart, d: FirstDraw): void {
  const { box, columns, range, yAxis, style } = d;
  const area = plotArea(box);
  const xSpan = range[1] - range[0] || 1;
  const ySpan = yAxis.domain[1] - yAxis.domain[0] || 1;
  // In the plot area's coordinates; the lines' own viewport reaches `edge` above and below it.
  const edge = LINE_WIDTH_PX;
  const xPos = (ms: number) => ((ms - range[0]) / xSpan) * area.width;
  const yPos = (v: number) => (1 - (v - yAxis.domain[0]) / ySpan) * area.height;
  const yLine = (v: number) => yPos(v) + edge;
  const texts: HTMLSpanElement[] = [];
  const label = (text: string, css: Partial<CSSStyleDeclaration>) => {
    const span = document.createElement('span');
    span.textContent = text;
    Object.assign(span.style, css);
    texts.push(span);
  };

  let grid = '';
  for (const v of yAxis.ticks) {
    const y = Math.round(area.top + yPos(v)) + 0.5;
    grid += `M${area.left} ${y}h${area.width}`;
    // Right-aligned at the gap's edge, centred on the line.
    label(axisLabel(v, d.unit), { right: `${box.width - area.left + Y_LABEL_GAP_PX}px`, top: `${y}px`, transform: 'translateY(-50%)' });
  }
  // The lines clipped to the plot area, as uPlot clips them (a line at the top or bottom of the scale
  // is drawn whole): a nested svg is its own viewport.
  const plot = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ x: area.left, y: area.top - edge, width: area.width, height: area.height + 2 * edge })) plot.setAttribute(k, String(v));
  // The lines' points are written in tenths of a pixel, scaled back by the viewBox: whole numbers
  // become text several times faster than decimals (the week's paths are 15,000 points).
  plot.setAttribute('viewBox', `0 0 ${area.width * TENTHS} ${(area.height + 2 * edge) * TENTHS}`);
  plot.setAttribute('preserveAspectRatio', 'none');
  const [times, ...values] = columns;
  values.forEach((column, k) => {
    const stroke = SERIES_COLORS[k % SERIES_COLORS.length];
    const attrs = { 'stroke-width': String(LINE_WIDTH_PX * TENTHS), 'stroke-linejoin': 'round', 'stroke-linecap': 'round' };
    // Gaps are spanned, as the uPlot chart spans them. One path per PATH_SPAN_PX of the plot, each
    // starting at the last point of the one before: each raster tile strokes only the paths over it,
    // not the whole line (a week of samples is two points a pixel). Round caps close the joins.
    let path = '';
    let last = '';
    let count = 0;
    let spanEnd = PATH_SPAN_PX;
    for (let i = 0; i < column.length; i++) {
      const v = column[i];
      if (v === null || !Number.isFinite(v)) continue;
      const x = xPos(times[i]);
      const point = `${Math.round(x * TENTHS)} ${Math.round(yLine(v) * TENTHS)}`;
      if (x > spanEnd && count > 1) {
        plot.appendChild(svgPath(path, stroke, attrs));
        [path, count] = [`M${last}`, 1];
        spanEnd = x + PATH_SPAN_PX;
      }
      path += (count++ ? 'L' : 'M') + point;
      last = point;
    }
    if (path) plot.appendChild(svgPath(path, stroke, attrs));
  });

  f.svg.setAttribute('width', String(box.width));
  f.svg.setAttribute('height', String(box.height));
  f.svg.replaceChildren(svgPath(grid, style.line, { 'stroke-dasharray': '3 3' }), plot);
  f.labels.style.font = style.font;
  f.labels.style.color = style.text;
  f.labels.replaceChildren(...texts);
  Object.assign(f.over.style, { left: `${area.left}px`, top: `${area.top}px`, width: `${area.width}px`, height: `${area.height}px` });
}
