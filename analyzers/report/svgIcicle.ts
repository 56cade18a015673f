import type { FlameNode } from '../case/saved/flameGraph';
import { formatBytes } from '../core/byteFormat';
import { shortFrameName } from '../core/flameGraph';
import { formatNanos } from '../locks/viewText';
import { escapeHtml } from './htmlText';
import type { ReportFlame } from './reportModel';

const ROW = 17;
/** Deeper than this a printed stack is library plumbing; the frames above say whose it is. */
const MAX_ROWS = 32;
/** Average advance of a 10 px sans-serif character, to clip labels without measuring text. */
const CHAR_WIDTH = 5.8;
const n = (v: number) => v.toFixed(1);

/** Warm for the application's frames (shade by name, stable), grey-blue for libraries, grey for merged ones. */
function fill(node: FlameNode): string {
  if (node.pruned !== undefined) return '#d8dade';
  let hash = 0;
  for (let i = 0; i < node.name.length; i++) hash = (hash * 31 + node.name.charCodeAt(i)) | 0;
  const k = (Math.abs(hash) % 100) / 100;
  const [from, to] = node.folded ? [[213, 220, 231], [183, 194, 212]] : [[249, 207, 139], [240, 138, 93]];
  return `rgb(${from.map((c, i) => Math.round(c + (to[i] - c) * k)).join(',')})`;
}

const label = (node: FlameNode, isRoot: boolean): string =>
  isRoot ? 'all' : node.pruned !== undefined ? `${node.pruned} smaller frame${node.pruned === 1 ? '' : 's'}` : shortFrameName(node.name);

/**
 * One input's top stacks as an inline SVG icicle: the root on top, each frame as wide as its share,
 * labels cut to the frame, the full name, value and share in each frame's tooltip. Every text from
 * the inputs goes through escapeHtml.
 */
export function svgIcicle(flame: ReportFlame, width = 760): string {
  const format = flame.unit === 'bytes' ? formatBytes : formatNanos;
  const whole = flame.root.total;
  const rects: string[] = [];
  let rows = 0;
  const draw = (node: FlameNode, x: number, w: number, depth: number) => {
    if (depth >= MAX_ROWS || w < 0.5) return;
    rows = Math.max(rows, depth + 1);
    const y = depth * ROW;
    const name = label(node, depth === 0);
    const tip = `${depth === 0 ? 'all' : node.pruned !== undefined ? name : node.name}: ${format(node.total)} (${((node.total / whole) * 100).toFixed(1)} %)`;
    const chars = Math.floor((w - 6) / CHAR_WIDTH);
    const text = chars >= 3 ? (name.length > chars ? `${name.slice(0, chars - 1)}…` : name) : '';
    rects.push(
      `<g><title>${escapeHtml(tip)}</title><rect x="${n(x)}" y="${y}" width="${n(Math.max(w - 1, 0.5))}" height="${ROW - 1}" fill="${fill(node)}"/>` +
        (text ? `<text x="${n(x + 3)}" y="${y + 12}" font-size="10" fill="#1d1f24">${escapeHtml(text)}</text>` : '') +
        '</g>',
    );
    let at = x;
    for (const c of node.children) {
      const cw = node.total > 0 ? (c.total / node.total) * w : 0;
      draw(c, at, cw, depth + 1);
      at += cw;
    }
  };
  draw(flame.root, 0, width, 0);
  const height = rows * ROW;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart icicle" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(flame.title)}"><title>${escapeHtml(flame.title)}</title>${rects.join('')}</svg>`;
}
