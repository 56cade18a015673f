import { useState } from 'react';
import type { FlameGraph } from '../../../../analyzers/case/saved/flameGraph';
import { formatNanos } from '../../../../analyzers/locks/viewText';
import { formatBytes } from '../../format';
import { Icicle } from './Icicle';
import './flame.css';

/** The frame a view's tables are filtered by, and the icicle's zoom that chose it. */
export interface FrameFilter {
  focus: readonly string[];
  frame?: string;
}

export function useFrameFilter() {
  const [filter, setFilter] = useState<FrameFilter>({ focus: [] });
  return { filter, select: (focus: readonly string[], frame: string | undefined) => setFilter({ focus, ...(frame !== undefined ? { frame } : {}) }), clear: () => setFilter({ focus: [] }) };
}

const FORMAT: Record<FlameGraph['unit'], (v: number) => string> = { bytes: formatBytes, ns: formatNanos };

interface Props {
  title: string;
  graph: FlameGraph;
  /** The same evidence before and after, merged: offered as a second mode. */
  diff?: FlameGraph;
  filter: FrameFilter;
  onSelect: (focus: readonly string[], frame: string | undefined) => void;
}

/** A view's flame graph: the icicle, a switch to the before/after graph when there is one, and its legend. */
export function FlameSection({ title, graph, diff, filter, onSelect }: Props) {
  const [differential, setDifferential] = useState(false);
  const shown = differential && diff ? diff : graph;
  return (
    <section className="flame-section" aria-label={title}>
      <div className="flame-head">
        <h3>{title}</h3>
        {diff?.diff && (
          <div className="flame-modes" role="radiogroup" aria-label="Flame graph mode">
            <label>
              <input type="radio" name={`${title}-mode`} checked={!differential} onChange={() => setDifferential(false)} /> This file
            </label>
            <label>
              <input type="radio" name={`${title}-mode`} checked={differential} onChange={() => setDifferential(true)} /> Change from {diff.diff.before}
            </label>
          </div>
        )}
      </div>
      {shown.diff && (
        <p className="flame-legend">
          <span className="flame-swatch grew" /> grew <span className="flame-swatch shrank" /> shrank <span className="flame-swatch same" /> unchanged — widths are both sides together ({shown.diff.before} → {shown.diff.after}), so frames that vanished keep their place.
        </p>
      )}
      <Icicle graph={shown} focus={filter.focus} onSelect={onSelect} format={FORMAT[shown.unit]} label={title} />
      <p className="muted flame-hint">Click a frame (or Enter on it) to zoom in and filter the tables below to stacks through it; arrow keys walk the frames, Escape goes back to all.</p>
    </section>
  );
}

/** Says the tables are filtered, by which frame, and undoes it. */
export function FrameFilterChip({ frame, what, onClear }: { frame: string | undefined; what: string; onClear: () => void }) {
  if (frame === undefined) return null;
  return (
    <div className="flame-chip" role="status">
      {what} filtered by frame <code title={frame}>{frame}</code>
      <button type="button" onClick={onClear} aria-label={`Clear the filter by frame ${frame}`}>
        clear
      </button>
    </div>
  );
}
