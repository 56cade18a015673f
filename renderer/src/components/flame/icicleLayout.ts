import { flameWeight, type FlameNode } from '../../../../analyzers/core/flameGraph';

/** One frame as drawn: its place (fractions of the width), its row, and the names from the root down to it. */
export interface IcicleCell {
  node: FlameNode;
  /** Names of the frames from the root's child down to this one; [] for the root. */
  path: readonly string[];
  key: string;
  depth: number;
  x: number;
  width: number;
  parentKey?: string;
}

/** Narrower than this share of the width, a frame is less than a pixel on any screen the UI holds. */
const MIN_WIDTH = 0.0005;

export const cellKey = (path: readonly string[]): string => path.join('\u0000');

/**
 * Icicle layout, zoomed on `focus` (a path of names): the focused frame spans the width, its
 * ancestors stay above it full width (a click on one zooms back out), its descendants share its
 * width by value. A differential tree is laid out by both sides' values, so frames that vanished
 * keep a place. Cells are in drawing order: rows top down, left to right within a row.
 */
export function icicleLayout(root: FlameNode, focus: readonly string[] = []): IcicleCell[] {
  const cells: IcicleCell[] = [];
  let node = root;
  const path: string[] = [];
  cells.push({ node: root, path: [], key: '', depth: 0, x: 0, width: 1 });
  for (const name of focus) {
    const child = node.children.find((c) => c.name === name);
    if (!child) break;
    const parentKey = cellKey(path);
    path.push(name);
    node = child;
    cells.push({ node, path: [...path], key: cellKey(path), depth: path.length, x: 0, width: 1, parentKey });
  }
  const below = (parent: FlameNode, parentPath: readonly string[], x: number, width: number, depth: number) => {
    const total = flameWeight(parent);
    if (total <= 0) return;
    let at = x;
    for (const c of parent.children) {
      const w = (flameWeight(c) / total) * width;
      if (w < MIN_WIDTH) continue;
      const childPath = [...parentPath, c.name];
      cells.push({ node: c, path: childPath, key: cellKey(childPath), depth, x: at, width: w, parentKey: cellKey(parentPath) });
      below(c, childPath, at, w, depth + 1);
      at += w;
    }
  };
  below(node, path, 0, 1, path.length + 1);
  return cells.sort((a, b) => a.depth - b.depth || a.x - b.x);
}

/** The cell the arrow keys reach from `from`: its parent, its widest child, or its neighbour in the row. */
export function neighbourCell(cells: readonly IcicleCell[], from: IcicleCell, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight'): IcicleCell | undefined {
  if (key === 'ArrowUp') return cells.find((c) => c.key === from.parentKey);
  if (key === 'ArrowDown') return cells.filter((c) => c.parentKey === from.key).sort((a, b) => b.width - a.width)[0];
  const row = cells.filter((c) => c.depth === from.depth);
  const i = row.indexOf(from);
  return row[key === 'ArrowLeft' ? i - 1 : i + 1];
}
