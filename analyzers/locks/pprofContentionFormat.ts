import { epochMillis, nanos } from '../core/units';
import { frameLabel as allocFrameLabel } from '../core/frame';
import { InputError } from '../core/inputError';
import { plural } from '../core/numberFormat';
import type { InputFormat, Loaded } from '../ingest/capability';
import { pprofHead, readPprof } from '../ingest/pprofProfile';
import { pprofTextKind } from '../ingest/pprofText';
import { makeFrame } from './frames';
import { emptyCapture, type LockCapture, type LockRow } from './model';

/** A block-profile stack waiting on a lock, as opposed to a channel, a WaitGroup, a select or a sleep. */
const LOCK_WAIT = /^sync\.\(\*(?:RW)?Mutex\)\.R?Lock/;

/**
 * Go's mutex and block profiles (`/debug/pprof/mutex`, `/debug/pprof/block`; `contentions/count`
 * and `delay/nanoseconds` per stack). The mutex profile attributes the delay to the stack of the
 * holder that unlocked (who made others wait); the block profile to the waiter's stack, and it
 * counts every blocking wait: only those under `sync.(*Mutex).Lock` and `sync.(*RWMutex).(R)Lock`
 * are lock waits, the rest (channels, WaitGroup, select) idle time, kept apart.
 */
async function loadPprofContention(source: Parameters<InputFormat<LockCapture>['load']>[0], signal: AbortSignal): Promise<Loaded<LockCapture>> {
  const profile = await readPprof(source, signal);
  const types = profile.sampleTypes.map((t) => t.type);
  const contentions = types.indexOf('contentions');
  const delay = types.indexOf('delay');
  if (contentions < 0 || delay < 0) throw new InputError(source.name, `is a pprof profile of ${types.join(', ')}, not a mutex or block profile (contentions, delay)`);
  const isBlock = profile.samples.some((s) => s.frames.some((f) => f.fn !== undefined && /^(?:runtime\.(?:chanrecv|chansend|selectgo|semacquire)|sync\.\(\*WaitGroup\)\.Wait|sync\.\(\*Mutex\)\.Lock|sync\.\(\*RWMutex\)\.R?Lock)/.test(f.fn)));
  const capture = emptyCapture('go-pprof', isBlock ? 'block (waiters’ stacks)' : 'mutex (stacks of the holders that made others wait)');
  let idleCount = 0;
  let idleNs = 0;
  for (const s of profile.samples) {
    const count = s.values[contentions];
    const ns = s.values[delay];
    if (isBlock && !s.frames.some((f) => f.fn !== undefined && LOCK_WAIT.test(f.fn))) {
      idleCount += count;
      idleNs += ns;
      continue;
    }
    const stack = s.frames.map((f) => makeFrame(allocFrameLabel(f), f.address, undefined));
    // makeFrame keeps the symbol as printed; the function alone is what folding and titles match.
    stack.forEach((frame, i) => (frame.fn = s.frames[i].fn ?? frame.fn));
    const row: LockRow = { label: stack.find((f) => !/^(?:sync|runtime)\./.test(f.fn))?.fn ?? stack[0]?.fn ?? '?', labelTruncated: false, contended: count, waitTotalNs: nanos(ns), stack, callers: [] };
    capture.byCaller.push(row);
  }
  if (idleCount) capture.idleWaits = { count: idleCount, totalNs: nanos(idleNs) };
  if (profile.timeMs !== undefined) capture.window = { startMs: epochMillis(profile.timeMs) };
  const read = { message: `${plural(profile.samples.length, 'stack')}${isBlock ? `; ${plural(idleCount, 'wait')} on channels, WaitGroups or timers ${idleCount === 1 ? 'is' : 'are'} idle time, not lock waits` : ''}` };
  return { artifact: capture, complete: profile.damage.length === 0, notices: [...profile.damage, read] };
}

export const pprofContentionFormat: InputFormat<LockCapture> = {
  id: 'go-pprof-contention',
  label: 'pprof mutex / block profile (Go /debug/pprof/mutex, /debug/pprof/block: protobuf or ?debug=1 text)',
  sniff: (head, headBytes) => pprofHead(headBytes)?.sampleTypes === 2 || pprofTextKind(head) === 'mutex' || pprofTextKind(head) === 'block',
  nearMiss: (_head, headBytes) => {
    const head = pprofHead(headBytes);
    return head && head.sampleTypes !== 2 && head.sampleTypes !== 4 ? `it has ${head.sampleTypes} sample types: only heap (4) and mutex/block (2) profiles are read` : undefined;
  },
  load: (source, ctx) => loadPprofContention(source, ctx.signal),
};
