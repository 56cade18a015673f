import { escapeHtml } from './htmlText';
import { icicleGeometry } from './icicleGeometry';
import type { ReportFlame } from './reportModel';

const n = (v: number) => v.toFixed(1);

/** One input's top stacks as an inline SVG icicle (icicleGeometry). Every text from the inputs goes through escapeHtml. */
export function svgIcicle(flame: ReportFlame, width = 760): string {
  const { height, frames } = icicleGeometry(flame, width);
  const rects = frames.map(
    (f) =>
      `<g><title>${escapeHtml(f.tip)}</title><rect x="${n(f.x)}" y="${f.y}" width="${n(f.width)}" height="${f.height}" fill="${f.fill}"/>` +
      (f.text ? `<text x="${n(f.x + 3)}" y="${f.y + 12}" font-size="10" fill="#1d1f24">${escapeHtml(f.text)}</text>` : '') +
      '</g>',
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart icicle" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(flame.title)}"><title>${escapeHtml(flame.title)}</title>${rects.join('')}</svg>`;
}
