import { MARKER_COLORS, SEVERITY_COLORS, type ChartGeometry } from './chartGeometry';
import { escapeHtml } from './htmlText';

const n = (v: number) => v.toFixed(1);

/**
 * One chart as inline SVG markup. Every text and attribute value taken from the inputs goes through
 * escapeHtml; hover text uses `<title>` elements, so the chart needs no script to be read.
 */
export function svgChart(g: ChartGeometry, title: string): string {
  const { left, top, right, bottom } = g.plot;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${g.width} ${g.height}" width="100%" role="img" aria-label="${escapeHtml(title)}">`,
    `<title>${escapeHtml(title)}</title>`,
  ];
  for (const b of g.bands) {
    parts.push(
      `<rect class="band" x="${n(b.x1)}" y="${top}" width="${n(b.x2 - b.x1)}" height="${bottom - top}" fill="${SEVERITY_COLORS[b.severity]}" fill-opacity="${b.own ? 0.22 : 0.08}"><title>${escapeHtml(`${b.label} (${b.severity})`)}</title></rect>`,
    );
  }
  for (const t of g.yTicks) {
    parts.push(`<line x1="${left}" x2="${right}" y1="${n(t.y)}" y2="${n(t.y)}" stroke="#e1e3e8" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${n(t.y + 4)}" text-anchor="end" font-size="10" fill="#6b7078">${escapeHtml(t.label)}</text>`);
  }
  for (const t of g.xTicks) {
    parts.push(`<text x="${n(t.x)}" y="${bottom + 15}" text-anchor="middle" font-size="10" fill="#6b7078">${escapeHtml(t.label)}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#9aa0a8" stroke-width="1"/>`);
  if (g.path) parts.push(`<path class="series" d="${g.path}" fill="none" stroke="#2d5bd7" stroke-width="1.5" stroke-linejoin="round"/>`);
  for (const m of g.markers) {
    if (m.x2 !== undefined) {
      parts.push(`<rect class="event-band" x="${n(m.x)}" y="${top}" width="${n(Math.max(1, m.x2 - m.x))}" height="${bottom - top}" fill="${MARKER_COLORS[m.kind]}" fill-opacity="0.12"><title>${escapeHtml(`${m.kind}: ${m.title}`)}</title></rect>`);
    }
    parts.push(
      `<line class="marker" x1="${n(m.x)}" x2="${n(m.x)}" y1="${top}" y2="${bottom}" stroke="${MARKER_COLORS[m.kind]}" stroke-width="1.5" stroke-dasharray="4 2"><title>${escapeHtml(`${m.kind}: ${m.title}`)}</title></line>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
