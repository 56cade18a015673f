import { axisLabel, niceRange } from './chartGeometry';
import { escapeHtml } from './htmlText';
import type { ReportTrendChart } from './reportModel';

const COLORS = ['#2d5bd7', '#d9480f', '#2f9e44', '#ae3ec9', '#e8a317', '#1098ad'];
const MARGIN = { left: 64, right: 12, top: 8, bottom: 22 };
const n = (v: number) => v.toFixed(1);

/**
 * A trend chart as inline SVG: captures evenly spaced in their order, one polyline per quantity
 * (dashed when it levelled off), each point titled with its capture and value. Every text from the
 * inputs goes through escapeHtml.
 */
export function svgTrendChart(chart: ReportTrendChart, width = 760, height = 180): string {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  const all = chart.lines.flatMap((l) => l.values);
  const [lo, hi, step] = niceRange(Math.min(0, ...all), Math.max(1, ...all), chart.unit === 'bytes' ? 1024 : 1000);
  const count = chart.captures.length;
  const x = (i: number) => plot.left + (count > 1 ? (i / (count - 1)) * (plot.right - plot.left) : 0);
  const y = (v: number) => plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" class="chart trend" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(chart.title)}">`, `<title>${escapeHtml(chart.title)}</title>`];
  for (let v = lo; v <= hi + step / 2; v += step) {
    parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="#e1e3e8" stroke-width="1"/>`);
    parts.push(`<text x="${plot.left - 6}" y="${n(y(v) + 4)}" text-anchor="end" font-size="10" fill="#6b7078">${escapeHtml(axisLabel(v, chart.unit))}</text>`);
  }
  chart.captures.forEach((file, i) => parts.push(`<text x="${n(x(i))}" y="${plot.bottom + 15}" text-anchor="middle" font-size="10" fill="#6b7078">${i + 1}<title>${escapeHtml(file)}</title></text>`));
  parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#9aa0a8" stroke-width="1"/>`);
  chart.lines.forEach((line, j) => {
    const color = COLORS[j % COLORS.length];
    const d = line.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${n(x(i))} ${n(y(v))}`).join('');
    parts.push(`<path class="series" d="${d}" fill="none" stroke="${color}" stroke-width="1.5"${line.shape === 'plateau' ? ' stroke-dasharray="6 3"' : ''}><title>${escapeHtml(line.text)}</title></path>`);
    line.values.forEach((v, i) => parts.push(`<circle cx="${n(x(i))}" cy="${n(y(v))}" r="2.5" fill="${color}"><title>${escapeHtml(`${line.name} in ${chart.captures[i] ?? ''}: ${axisLabel(v, chart.unit)}`)}</title></circle>`));
  });
  parts.push('</svg>');
  return parts.join('');
}
