import { axisLabel } from './chartGeometry';
import { escapeHtml } from './htmlText';
import type { ReportTrendChart } from './reportModel';
import { TREND_COLORS, trendGeometry } from './trendGeometry';

const n = (v: number) => v.toFixed(1);

/**
 * A trend chart as inline SVG: captures evenly spaced in their order, one polyline per quantity
 * (dashed when it levelled off), each point titled with its capture and value. Every text from the
 * inputs goes through escapeHtml.
 */
export function svgTrendChart(chart: ReportTrendChart, width = 760, height = 180): string {
  const g = trendGeometry(chart.captures.length, chart.lines.map((l) => l.values), chart.unit === 'bytes', width, height);
  const { plot } = g;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" class="chart trend" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(chart.title)}">`, `<title>${escapeHtml(chart.title)}</title>`];
  for (const t of g.yTicks) {
    parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${n(t.y)}" y2="${n(t.y)}" stroke="#e1e3e8" stroke-width="1"/>`);
    parts.push(`<text x="${plot.left - 6}" y="${n(t.y + 4)}" text-anchor="end" font-size="10" fill="#6b7078">${escapeHtml(axisLabel(t.value, chart.unit))}</text>`);
  }
  chart.captures.forEach((file, i) => parts.push(`<text x="${n(g.xs[i])}" y="${plot.bottom + 15}" text-anchor="middle" font-size="10" fill="#6b7078">${i + 1}<title>${escapeHtml(file)}</title></text>`));
  parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#9aa0a8" stroke-width="1"/>`);
  chart.lines.forEach((line, j) => {
    const color = TREND_COLORS[j % TREND_COLORS.length];
    const { path, points } = g.lines[j];
    parts.push(`<path class="series" d="${path}" fill="none" stroke="${color}" stroke-width="1.5"${line.shape === 'plateau' ? ' stroke-dasharray="6 3"' : ''}><title>${escapeHtml(line.text)}</title></path>`);
    line.values.forEach((v, i) => parts.push(`<circle cx="${n(points[i].x)}" cy="${n(points[i].y)}" r="2.5" fill="${color}"><title>${escapeHtml(`${line.name} in ${chart.captures[i] ?? ''}: ${axisLabel(v, chart.unit)}`)}</title></circle>`));
  });
  parts.push('</svg>');
  return parts.join('');
}
