import { InputError } from '../core/inputError';
import { nanos } from '../core/units';
import { plural } from '../core/numberFormat';
import { formatDuration } from '../core/durationFormat';
import { LineTally, tallyNotices } from '../ingest/lineTally';
import type { LineParser } from '../ingest/lineInput';
import type { InputNotice, Loaded } from '../ingest/capability';
import { IDLE_FRAME, makeFrame } from './frames';
import { lineFormat, type LineFormat } from './textInput';
import { emptyCapture, type LockCapture, type LockFrame, type LockRow } from './model';

/** `comm;frame;…;frame 1234`: the task name, the frames root first, the off-CPU time in µs. */
const LINE = /^([^;]+(?:;[^;]*)+) (\d+)$/;
/** A wait for a lock: the futex behind a pthread mutex, or a kernel lock's slow path. */
const LOCK_FRAME = /futex|lll_lock_wait|pthread_mutex_lock|pthread_rwlock_|mutex_lock|rwsem_down|rwlock|spin_lock|down_read|down_write|rt_mutex/;
/** Where a kernel stack begins when offcputime ran without -d (no `-` between user and kernel frames). */
const KERNEL_ENTRY = /^(entry_SYSCALL|do_syscall_64|__x64_sys_|__arm64_sys_|asm_|ret_from_fork|el0_)/;

interface Stack {
  frames: LockFrame[];
  us: number;
}

/**
 * Folded stacks from bcc `offcputime -f` (tools/offcputime.py: `comm;user frames;[-;]kernel frames
 * µs`, each side root first, `[Missed User Stack]` when a stack was lost) and any tool that writes
 * the same collapsed layout of off-CPU time. Stacks through a lock's slow path are lock wait; those
 * through a condition variable or a join are idle time, and the rest (sleeps, I/O, epoll) other
 * off-CPU time, both kept apart. offcputime sums time per stack and counts nothing, so the rows have
 * wait time but no number of waits.
 */
class FoldedStacksParser implements LineParser<LockCapture> {
  private readonly stacks = new Map<string, Stack>();
  private readonly threads = new Map<string, number>();
  private readonly badLines = new LineTally();
  private idleUs = 0;
  private idleStacks = 0;
  private otherUs = 0;
  private otherStacks = 0;
  private missed = 0;

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    const t = text.trim();
    if (t === '') return;
    const m = LINE.exec(t);
    if (!m) {
      this.badLines.add(lineNo);
      return;
    }
    const [comm, ...frames] = m[1].split(';');
    const us = Number(m[2]);
    if (frames.some((f) => f.startsWith('[Missed '))) this.missed++;
    const key = m[1];
    const seen = this.stacks.get(key);
    if (seen) seen.us += us;
    else this.stacks.set(key, { frames: framesOf(frames), us });
    this.threads.set(comm, (this.threads.get(comm) ?? 0) + us);
  }

  finish(): Loaded<LockCapture> {
    if (this.stacks.size === 0) throw new InputError(this.file, 'has no folded stack line (comm;frame;…;frame <µs>)');
    const capture = emptyCapture('folded-stacks', 'offcputime -f');
    let lockUs = 0;
    for (const s of this.stacks.values()) {
      const fns = s.frames.map((f) => f.fn);
      if (fns.some((f) => IDLE_FRAME.test(f))) {
        this.idleUs += s.us;
        this.idleStacks++;
      } else if (fns.some((f) => LOCK_FRAME.test(f))) {
        lockUs += s.us;
        capture.byCaller.push(row(s.frames[0]?.symbol ?? '[unknown]', s.us, s.frames));
      } else {
        this.otherUs += s.us;
        this.otherStacks++;
      }
    }
    if (capture.byCaller.length === 0) {
      throw new InputError(this.file, `has ${plural(this.stacks.size, 'folded stack')} but none waits on a lock (no futex, mutex, rwsem or spinlock frame): off-CPU time of sleeps, I/O or condition variables is not lock contention`);
    }
    for (const [comm, us] of this.threads) capture.byThread.push(row(comm, us, []));
    if (this.idleUs) capture.idleWaits = { count: 0, totalNs: nanos(this.idleUs * 1000) };
    capture.toolTotals.stacks = this.stacks.size;
    capture.toolTotals.lockWaitUs = lockUs;
    return { artifact: capture, complete: this.badLines.count === 0, notices: this.notices() };
  }

  private notices(): InputNotice[] {
    const out = tallyNotices([this.badLines, 'not folded stacks (comm;frame;…;frame <µs>)']);
    if (this.idleStacks) out.push({ message: `${plural(this.idleStacks, 'stack')} waiting in a condition variable, semaphore or join (${formatDuration(this.idleUs / 1000)}) counted as idle time, not lock contention` });
    if (this.otherStacks) out.push({ message: `${plural(this.otherStacks, 'stack')} off CPU for other reasons (sleep, I/O, polling: ${formatDuration(this.otherUs / 1000)}) left out of the lock wait` });
    if (this.missed) out.push({ message: `${plural(this.missed, 'stack')} with a missed user or kernel stack (offcputime's stack table was full: raise --stack-storage-size)` });
    out.push({ message: 'folded stacks sum the time per stack and count no waits: the rows have wait time, not wait counts' });
    return out;
  }
}

/** Root-first folded frames → innermost-first frames; after `-` (or a syscall entry) they are the kernel's. */
function framesOf(rootFirst: readonly string[]): LockFrame[] {
  const frames: LockFrame[] = [];
  let kernel = false;
  for (const text of rootFirst) {
    if (text === '-') {
      kernel = true;
      continue;
    }
    if (!kernel && KERNEL_ENTRY.test(text)) kernel = true;
    const frame = makeFrame(text.startsWith('[Missed ') ? '' : text, undefined, undefined);
    frame.kernel = kernel;
    frames.push(frame);
  }
  return frames.reverse();
}

function row(label: string, us: number, stack: LockFrame[]): LockRow {
  return { label, labelTruncated: false, contended: 0, waitTotalNs: nanos(us * 1000), stack, callers: [] };
}

const FOLDED_HEAD = /^[^;\s][^;]*(?:;[^;]+)+ \d+$/;

const FOLDED_BAD_VALUE = /^[^;\s][^;]*(?:;[^;]+)+\s+(\S+)$/;

export const foldedStacksFormat: LineFormat<LockCapture> = {
  ...lineFormat<LockCapture>({
  id: 'folded-stacks-offcpu',
  label: 'Folded off-CPU stacks (bcc offcputime -f: comm;frame;…;frame µs)',
  phase: 'reading folded stacks',
  sniff: (head) => {
    const lines = head.split('\n', 50).map((l) => l.trim()).filter((l) => l !== '');
    const last = head.endsWith('\n') ? lines : lines.slice(0, -1);
    return last.length > 0 && last.every((l) => FOLDED_HEAD.test(l));
  },
  parser: (file) => new FoldedStacksParser(file),
  }),
  nearMiss: (head) => {
    const first = head.trimStart().split('\n', 1)[0].trim();
    const m = FOLDED_BAD_VALUE.exec(first);
    // Only a number that is not a whole one (12.5, -3, 1e6): any text with a `;` in it would match otherwise.
    return m && !/^[[{"]/.test(first) && /^-?\d*\.?\d+(?:e[+-]?\d+)?$/i.test(m[1]) && !/^\d+$/.test(m[1])
      ? `line 1 ends in '${m[1]}', not a whole number of µs after the last frame`
      : undefined;
  },
};
