import { stackEndsThrough } from '../core/flameGraph';
import { callersByInnermost } from './viewCallers';
import { nanos } from '../core/units';
import type { RankedEntry } from './summary';
import type { LockInputView } from './view';

/** What a frame of an input's wait flame graph keeps of its tables. */
export interface FrameFilteredTables {
  callers: RankedEntry[];
  locks: RankedEntry[];
  /** Undefined when the input does not say which stack each thread waited in: they cannot be filtered. */
  threads?: RankedEntry[];
}

/**
 * The rows of the callers, locks and threads tables whose stacks pass through `frame` (a click on
 * the icicle). A caller is a stack's innermost application frame, so it stays when a stack through
 * the frame ends in it; a lock stays when one of its callers' paths has the frame. A thread stays
 * when some of its waits went through the frame, and shows those waits only: its wait, count,
 * average, share and callers within the frame (the longest single wait is not known per stack).
 */
export function filterByFrame(input: Pick<LockInputView, 'flame' | 'callers' | 'locks' | 'threads'>, frame: string): FrameFilteredTables {
  const ends = input.flame ? stackEndsThrough(input.flame.root, frame) : new Set<string>();
  const threads = input.threads.some((t) => t.paths) ? input.threads.flatMap((t) => threadWithin(t, frame) ?? []) : undefined;
  return {
    callers: input.callers.filter((r) => ends.has(r.label)),
    locks: input.locks.filter((r) => r.callers.some((c) => c.path.includes(frame))),
    ...(threads ? { threads } : {}),
  };
}

function threadWithin(thread: RankedEntry, frame: string): RankedEntry | undefined {
  const through = (thread.paths ?? []).filter((p) => p.path.includes(frame));
  if (through.length === 0) return undefined;
  const totalNs = nanos(through.reduce((s, p) => s + p.totalNs, 0));
  const contended = through.reduce((s, p) => s + p.count, 0);
  const { maxNs: _unknownWithin, ...rest } = thread;
  return {
    ...rest,
    totalNs,
    contended,
    ...(contended > 0 ? { avgNs: nanos(totalNs / contended) } : {}),
    // The same whole as the unfiltered row's share: all the wait of the input.
    share: thread.totalNs > 0 ? (thread.share * totalNs) / thread.totalNs : 0,
    callers: callersByInnermost(through),
    paths: through,
  };
}
