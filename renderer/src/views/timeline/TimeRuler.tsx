import type { Ref } from 'react';
import { formatUtc } from '../../../../analyzers/core/timeFormat';
import { shareOf, TimeTicks } from './TimeTicks';
import type { TimeRange } from './timelineData';

/** A readout this close (share of the width) to an edge is anchored on its side of the cursor, not centred: centred, it would be cut. */
const EDGE_SHARE = 0.08;

/**
 * The time axis of the range in view, over the charts and lined up with their plots, with the moment
 * under the pointer: it stays at the top of the window while the stack scrolls (as Perfetto's ruler
 * does), where an axis under the last chart is below the fold of a 1280×720 screen.
 */
export function TimeRuler({ range, tickFormatter, cursorRef }: { range: TimeRange; tickFormatter: (ms: number) => string; cursorRef: Ref<HTMLSpanElement> }) {
  return (
    <div className="time-ruler" aria-hidden="true">
      <TimeTicks span={range} className="ruler-tick" tickFormatter={tickFormatter} />
      <span className="cursor-time" ref={cursorRef} hidden />
    </div>
  );
}

/** Shows the moment under the pointer on the ruler (written to the element: a hover renders nothing), or hides it when there is none. */
export function placeCursor(readout: HTMLSpanElement | null, ms: number | undefined, range: TimeRange): void {
  if (!readout) return;
  readout.hidden = ms === undefined;
  if (ms === undefined) return;
  const share = (ms - range[0]) / (range[1] - range[0] || 1);
  readout.textContent = formatUtc(ms);
  readout.style.left = shareOf(range, ms);
  readout.style.transform = share < EDGE_SHARE ? 'none' : share > 1 - EDGE_SHARE ? 'translateX(-100%)' : 'translateX(-50%)';
}
