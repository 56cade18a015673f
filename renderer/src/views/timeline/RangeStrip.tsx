import { useRef, type PointerEvent } from 'react';
import { dragRange, type StripGrip, type TimeRange } from './timelineData';
import { shareOf, TimeTicks } from './TimeTicks';

interface Props {
  full: TimeRange;
  range: TimeRange;
  /** The new range; undefined when it is the full span again. */
  onChange: (range: TimeRange | undefined) => void;
  tickFormatter: (ms: number) => string;
}

/**
 * The whole span over the charts with the range in view as a window: drag the window to pan, its
 * edges to widen or narrow it, press elsewhere on the strip to bring the window there. Plain elements
 * rather than a chart: it redraws on every zoom, so it has to cost nothing.
 */
export function RangeStrip({ full, range, onChange, tickFormatter }: Props) {
  const track = useRef<HTMLDivElement>(null);
  const drag = useRef<{ grip: StripGrip; startX: number; from: TimeRange }>(undefined);
  const span = full[1] - full[0] || 1;
  const share = (ms: number) => shareOf(full, ms);
  const msPerPx = () => span / (track.current?.clientWidth || 1);
  const emit = (r: TimeRange) => onChange(r[0] <= full[0] && r[1] >= full[1] ? undefined : r);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !track.current) return;
    const grip = (e.target as HTMLElement).dataset.grip as StripGrip | undefined;
    let from = range;
    if (!grip) {
      // Pressed beside the window: centre it there, then the drag pans it.
      const at = full[0] + (e.clientX - track.current.getBoundingClientRect().left) * msPerPx();
      from = dragRange(range, full, 'window', at - (range[0] + range[1]) / 2);
      emit(from);
    }
    drag.current = { grip: grip ?? 'window', startX: e.clientX, from };
    track.current.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) emit(dragRange(d.from, full, d.grip, (e.clientX - d.startX) * msPerPx()));
  };
  const end = () => void (drag.current = undefined);

  return (
    <div className="range-strip" ref={track} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={end} onPointerCancel={end} title="Drag the window to pan, its edges to zoom">
      <TimeTicks span={full} className="range-tick" tickFormatter={tickFormatter} />
      <div className="range-window" data-grip="window" style={{ left: share(range[0]), right: `calc(100% - ${share(range[1])})` }}>
        <span className="range-edge start" data-grip="start" />
        <span className="range-edge end" data-grip="end" />
      </div>
    </div>
  );
}
