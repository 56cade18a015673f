import type { FlameNode } from '../case/saved/flameGraph';
import { formatBytes } from '../core/byteFormat';
import { prunedFramesName, shortFrameName } from '../core/flameGraph';
import { formatNanos } from '../locks/viewText';
import { formatShare } from '../core/numberFormat';
import type { ReportFlame } from './reportModel';

const ROW = 17;
/** Deeper than this a printed stack is library plumbing; the frames above say whose it is. */
const MAX_ROWS = 32;
/** Average advance of a 10 px sans-serif character, to clip labels without measuring text. */
const CHAR_WIDTH = 5.8;

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
  isRoot ? 'all' : node.pruned !== undefined ? prunedFramesName(node.pruned) : shortFrameName(node.name);

/** How to read an icicle, under each set of them. */
export const ICICLE_LEGEND =
  'Each bar is a function; below it, the functions it called; its width is its share of the total. Warm: the program\'s own code; grey-blue: libraries and allocators; frames under 1 % are merged.';

/** One frame of an icicle: its box, colour, the label that fits in it, and its tooltip. */
export interface IcicleFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  /** The name cut to the frame's width; empty when not even three characters fit. */
  text: string;
  tip: string;
}

/**
 * Where each frame of an input's top stacks goes, for the exported SVG and the app's React SVG alike:
 * the root on top, each frame as wide as its share, labels cut to the frame, the full name, value
 * and share in the tooltip.
 */
export function icicleGeometry(flame: ReportFlame, width = 760): { width: number; height: number; frames: IcicleFrame[] } {
  const format = flame.unit === 'bytes' ? formatBytes : formatNanos;
  const whole = flame.root.total;
  const frames: IcicleFrame[] = [];
  let rows = 0;
  const draw = (node: FlameNode, x: number, w: number, depth: number) => {
    if (depth >= MAX_ROWS || w < 0.5) return;
    rows = Math.max(rows, depth + 1);
    const name = label(node, depth === 0);
    const tip = `${depth === 0 ? 'all' : node.pruned !== undefined ? name : node.name}: ${format(node.total)} (${formatShare(node.total / whole)})`;
    const chars = Math.floor((w - 6) / CHAR_WIDTH);
    const text = chars >= 3 ? (name.length > chars ? `${name.slice(0, chars - 1)}…` : name) : '';
    frames.push({ x, y: depth * ROW, width: Math.max(w - 1, 0.5), height: ROW - 1, fill: fill(node), text, tip });
    let at = x;
    for (const c of node.children) {
      const cw = node.total > 0 ? (c.total / node.total) * w : 0;
      draw(c, at, cw, depth + 1);
      at += cw;
    }
  };
  draw(flame.root, 0, width, 0);
  return { width, height: rows * ROW, frames };
}
