import { stackEndsThrough } from '../core/flameGraph';
import { nanos } from '../core/units';
import type { RankedEntry, WaitPath } from './summary';
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

/**
 * Waits by path folded into their innermost application functions, biggest first, each with its share
 * of the whole (of the count when no time was measured): the callers column, of a lock or a thread,
 * in the summary and under a flame-graph frame alike.
 */
export function callersByInnermost(paths: readonly Pick<WaitPath, 'path' | 'count' | 'totalNs'>[]): RankedEntry['callers'] {
  const byLabel = new Map<string, RankedEntry['callers'][number]>();
  for (const p of paths) {
    const label = p.path[0] ?? '';
    const c = byLabel.get(label) ?? { label, count: 0, totalNs: nanos(0), share: 0, path: p.path };
    c.count += p.count;
    c.totalNs = nanos(c.totalNs + p.totalNs);
    byLabel.set(label, c);
  }
  const callers = [...byLabel.values()];
  const total = callers.reduce((s, c) => s + c.totalNs, 0);
  const totalCount = callers.reduce((s, c) => s + c.count, 0);
  for (const c of callers) c.share = total ? c.totalNs / total : totalCount ? c.count / totalCount : 0;
  return callers.sort((a, b) => b.totalNs - a.totalNs || b.count - a.count);
}
