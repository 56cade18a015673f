import { useState } from 'react';
import type { AllocFrameView } from '../../../../analyzers/case/saved/allocView';
import { plural } from '../../format';

interface Run {
  folded: boolean;
  start: number;
  frames: AllocFrameView[];
}

/** Consecutive frames of the same kind: each run of library frames collapses into one line. */
function runsOf(stack: readonly AllocFrameView[]): Run[] {
  const runs: Run[] = [];
  stack.forEach((frame, i) => {
    const last = runs[runs.length - 1];
    if (last && last.folded && frame.folded) last.frames.push(frame);
    else runs.push({ folded: frame.folded, start: i, frames: [frame] });
  });
  return runs;
}

/**
 * A full allocation stack, innermost first. Allocator and library frames are dimmed and collapsed
 * by default so that the user's own frames read as the call path; the site's frame is marked.
 */
export function StackFrames({ stack, userFrameIndex }: { stack: readonly AllocFrameView[]; userFrameIndex: number }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (start: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(start)) next.delete(start);
      else next.add(start);
      return next;
    });
  return (
    <ol className="alloc-stack" aria-label="Allocation stack, innermost first">
      {runsOf(stack).map((run) =>
        run.folded && !open.has(run.start) ? (
          <li key={run.start} className="alloc-frame folded">
            <button className="linklike" onClick={() => toggle(run.start)} aria-expanded={false}>
              ▸ {plural(run.frames.length, 'library frame')} folded
            </button>
          </li>
        ) : (
          run.frames.map((frame, i) => (
            <li key={run.start + i} className={`alloc-frame ${frame.folded ? 'folded' : ''} ${run.start + i === userFrameIndex ? 'site' : ''}`}>
              {run.folded && i === 0 && (
                <button className="linklike" onClick={() => toggle(run.start)} aria-expanded={true}>
                  ▾
                </button>
              )}{' '}
              <code>{frame.label}</code>
            </li>
          ))
        ),
      )}
    </ol>
  );
}
