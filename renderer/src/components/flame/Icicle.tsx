import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FlameGraph, FlameNode } from '../../../../analyzers/case/saved/flameGraph';
import { prunedFramesName, shortFrameName } from '../../../../analyzers/core/flameGraph';
import { icicleLayout, neighbourCell, type IcicleCell } from './icicleLayout';
import { formatShare } from '../../format';

/** Pixels per row: one line of 12 px text and its padding. */
const ROW = 20;

interface Props {
  graph: FlameGraph;
  /** The zoomed frame, as names from the root down. */
  focus: readonly string[];
  /** A frame was clicked (or Enter pressed on it): zoom to it; `frame` is what the tables filter by. */
  onSelect: (path: readonly string[], frame: string | undefined) => void;
  format: (value: number) => string;
  label: string;
}

const percent = (part: number, whole: number): string => (whole > 0 ? formatShare(part / whole) : '—');

/** A frame's name as shown: the merged small frames say how many they are. */
export const frameTitle = (node: FlameNode): string => (node.pruned !== undefined ? prunedFramesName(node.pruned) : node.name);

/** What a frame holds, in words: value and share, or both sides and the change. */
export function frameSummary(node: FlameNode, graph: FlameGraph, format: (v: number) => string): string {
  if (node.before === undefined) return `${format(node.total)} (${percent(node.total, graph.root.total)} of all)`;
  const delta = node.total - node.before;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return `${format(node.before)} → ${format(node.total)} (${sign}${format(Math.abs(delta))}; ${percent(node.total, graph.root.total)} of all after)`;
}

/** Colour class and strength: by change in a differential graph, by name (stable across renders) otherwise. */
function tone(node: FlameNode): { className: string; strength: number } {
  if (node.before !== undefined) {
    const delta = node.total - node.before;
    const strength = Math.min(1, Math.abs(delta) / Math.max(node.total, node.before, 1));
    return { className: strength < 0.01 ? 'same' : delta > 0 ? 'grew' : 'shrank', strength: Math.max(0.25, strength) };
  }
  if (node.pruned !== undefined) return { className: 'pruned', strength: 0 };
  let hash = 0;
  for (let i = 0; i < node.name.length; i++) hash = (hash * 31 + node.name.charCodeAt(i)) | 0;
  return { className: node.folded ? 'folded' : 'own', strength: (Math.abs(hash) % 100) / 100 };
}

/**
 * An icicle (a flame graph with the root on top): width by value, labels clipped to their frame.
 * The WAI-ARIA tree pattern for the keyboard: one tab stop, Up to the caller, Down to the biggest
 * callee, Left/Right along the row, Enter or Space = click, Home or Escape back to the root.
 */
export function Icicle({ graph, focus, onSelect, format, label }: Props) {
  const cells = useMemo(() => icicleLayout(graph.root, focus), [graph, focus]);
  const [activeKey, setActiveKey] = useState<string>();
  const [hovered, setHovered] = useState<IcicleCell>();
  const elements = useRef(new Map<string, HTMLDivElement>());
  const active = cells.find((c) => c.key === activeKey) ?? cells.find((c) => c.path.length === focus.length) ?? cells[0];
  const shown = hovered ?? active;
  const rows = cells.reduce((m, c) => Math.max(m, c.depth + 1), 1);

  const select = (cell: IcicleCell) => onSelect(cell.path, cell.path.length > 0 && cell.node.pruned === undefined ? cell.node.name : undefined);
  const moveTo = (cell: IcicleCell | undefined) => {
    if (!cell) return;
    setActiveKey(cell.key);
    elements.current.get(cell.key)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'ArrowLeft' || e.key === 'ArrowRight') moveTo(neighbourCell(cells, active, e.key));
    else if (e.key === 'Enter' || e.key === ' ') select(active);
    else if (e.key === 'Home') moveTo(cells[0]);
    else if (e.key === 'Escape') {
      moveTo(cells[0]);
      select(cells[0]);
    } else return;
    e.preventDefault();
  };

  return (
    <div className="icicle-wrap">
      <div className="icicle" role="tree" aria-label={label} style={{ height: rows * ROW }} onKeyDown={onKeyDown} onMouseLeave={() => setHovered(undefined)}>
        {cells.map((cell) => {
          const { className, strength } = tone(cell.node);
          const name = cell.path.length === 0 ? 'all' : frameTitle(cell.node);
          const zoomedOut = cell.path.length < focus.length;
          return (
            <div
              key={cell.key}
              ref={(el) => {
                if (el) elements.current.set(cell.key, el);
                else elements.current.delete(cell.key);
              }}
              role="treeitem"
              aria-level={cell.depth + 1}
              aria-selected={cell.path.length === focus.length}
              aria-label={`${name}: ${frameSummary(cell.node, graph, format)}`}
              tabIndex={cell === active ? 0 : -1}
              className={`icicle-frame ${className}${zoomedOut ? ' ancestor' : ''}`}
              style={{ left: `${cell.x * 100}%`, width: `${cell.width * 100}%`, top: cell.depth * ROW, ['--k' as string]: strength }}
              title={`${name}\n${frameSummary(cell.node, graph, format)}`}
              onClick={() => {
                setActiveKey(cell.key);
                select(cell);
              }}
              onMouseEnter={() => setHovered(cell)}
            >
              {cell.path.length === 0 ? 'all' : cell.node.pruned !== undefined ? name : shortFrameName(cell.node.name)}
            </div>
          );
        })}
      </div>
      <p className="icicle-detail">
        <strong>{shown.path.length === 0 ? 'all' : frameTitle(shown.node)}</strong> — {frameSummary(shown.node, graph, format)}
      </p>
    </div>
  );
}
