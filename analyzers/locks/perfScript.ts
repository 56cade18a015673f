import { InputError } from '../core/inputError';
import { plural } from '../core/numberFormat';
import { epochMillis, nanos } from '../core/units';
import { LineTally, tallyNotices } from '../ingest/lineTally';
import type { InputNotice, Loaded } from '../ingest/capability';
import type { LineParser } from '../ingest/lineInput';
import { IDLE_FRAME, parsePerfScriptFrame } from './frames';
import { lineFormat } from './textInput';
import { emptyCapture, type CallerCount, type LockCapture, type LockFrame, type LockRow } from './model';

/**
 * `perf script` text of `lock:contention_begin/end` and `syscalls:sys_enter/exit_futex` events with
 * call chains. A user-space mutex wait is the time from a thread's FUTEX_WAIT entry to its exit; a
 * kernel lock wait is contention_begin → contention_end on the same thread. Waits are summed per
 * distinct call chain, so memory follows the number of distinct stacks, locks and threads, never
 * the number of events: these captures reach hundreds of MB.
 */

// comm (may contain spaces) tid[/pid]? [cpu]? time: [period]? event: args
const HEADER = /^\s*(.*?)\s+(-?\d+)(?:\/(\d+))?\s+(?:\[(\d+)\]\s+)?(\d+\.\d+):\s+(?:\d+\s+)?([\w-]+:[\w-]+):\s?(.*)$/;
const EVENT_LINE = /\s\d+\.\d{6,9}:\s+(?:\d+\s+)?(?:lock:contention_(?:begin|end)|syscalls:sys_(?:enter|exit)_futex):/;

export function sniffPerfScript(head: string): boolean {
  return EVENT_LINE.test(head);
}

const FUTEX_CMD_MASK = 0x7f;
const WAIT_CMDS = new Set([0, 6, 9, 11, 13]);
const WAKE_CMDS = new Set([1, 3, 4, 5, 7, 10]);
/** Futex waits that are idleness, not lock contention: condition variables, joins, semaphores. */

type WaitKind = 'futex' | 'kernel' | 'idle';

interface StackStat {
  kind: WaitKind;
  frames: LockFrame[];
  count: number;
  totalNs: number;
  maxNs: number;
  lockType: string;
}

/** Waits (how many, how long) by the stack they waited in. */
type WaitsByStack = Map<StackStat, { count: number; totalNs: number }>;

interface AddressStat {
  kind: 'futex' | 'kernel';
  lockType: string;
  waits: number;
  wakeCalls: number;
  woken: number;
  totalNs: number;
  maxNs: number;
  threads: Set<number>;
  byStack: WaitsByStack;
}

interface ThreadStat {
  comm: string;
  waits: number;
  totalNs: number;
  maxNs: number;
  wakeCalls: number;
  /** Which stacks the thread waited in: what a frame of the wait flame graph filters the threads by. */
  byStack: WaitsByStack;
}

function countStack(byStack: WaitsByStack, stack: StackStat, ns: number): void {
  const seen = byStack.get(stack);
  if (seen) {
    seen.count++;
    seen.totalNs += ns;
  } else byStack.set(stack, { count: 1, totalNs: ns });
}

const callersOf = (byStack: WaitsByStack): CallerCount[] =>
  [...byStack].map(([s, v]): CallerCount => ({ label: s.frames[0]?.symbol ?? '[unknown]', count: v.count, waitTotalNs: nanos(v.totalNs), stack: s.frames }));

interface Pending {
  ts: number;
  address: string;
  stack: StackStat | undefined;
  wake: boolean;
}

type EventKind = 'begin' | 'end' | 'futex-enter' | 'futex-exit' | 'other';

const EVENT_KINDS: Readonly<Record<string, EventKind>> = {
  'lock:contention_begin': 'begin',
  'lock:contention_end': 'end',
  'syscalls:sys_enter_futex': 'futex-enter',
  'syscalls:sys_exit_futex': 'futex-exit',
};

class PerfScriptAccumulator implements LineParser<LockCapture> {
  private readonly stacks = new Map<string, StackStat>();
  private readonly addresses = new Map<string, AddressStat>();
  private readonly threads = new Map<number, ThreadStat>();
  private readonly pendingFutex = new Map<number, Pending>();
  private readonly pendingKernel = new Map<number, Pending[]>();
  private firstTs = Number.POSITIVE_INFINITY;
  private lastTs = Number.NEGATIVE_INFINITY;
  private events = 0;
  private readonly otherEvents = new Map<string, number>();
  private readonly unknownLines = new LineTally();
  private readonly orphanStacks = new LineTally();
  private readonly unpairedExits = new LineTally();
  private readonly badArgs = new LineTally();
  private capturedOnMs: number | undefined;
  private sawCallchain = false;
  private idleCount = 0;
  private idleNs = 0;

  // The record being read: its header fields and, for events whose stack matters, its call chain.
  private inRecord = false;
  private kind: EventKind = 'other';
  private tid = 0;
  private comm = '';
  private ts = 0;
  private args = '';
  private headerLine = 0;
  private stackText = '';
  private stackLines: string[] = [];
  private lastLine = '';
  private lastLineNo = 0;
  private truncatedAt: number | undefined;

  constructor(private readonly file: string) {}

  push(line: string, lineNo: number): void {
    this.lastLine = line;
    this.lastLineNo = lineNo;
    const c = line.charCodeAt(0);
    if (c === 9 /* \t */) {
      if (!this.inRecord) {
        this.orphanStacks.add(lineNo);
        return;
      }
      this.sawCallchain = true;
      if (this.kind === 'begin' || this.kind === 'futex-enter') {
        this.stackText += line;
        this.stackText += '\n';
        this.stackLines.push(line);
      }
      return;
    }
    if (line.length === 0) {
      if (this.inRecord) this.endRecord();
      return;
    }
    if (c === 35 /* # */) {
      const m = /^#\s*captured on\s*:\s*(.+)$/.exec(line);
      if (m && !Number.isNaN(Date.parse(m[1]))) this.capturedOnMs = Date.parse(m[1]);
      return;
    }
    if (this.inRecord) this.endRecord();
    const m = HEADER.exec(line);
    if (!m) {
      this.unknownLines.add(lineNo);
      return;
    }
    this.events++;
    const event = m[6];
    const kind = EVENT_KINDS[event];
    if (kind === undefined) this.otherEvents.set(event, (this.otherEvents.get(event) ?? 0) + 1);
    this.inRecord = true;
    this.kind = kind ?? 'other';
    this.comm = m[1];
    this.tid = Number(m[2]);
    this.ts = Math.round(Number(m[5]) * 1e9);
    this.args = m[7];
    this.headerLine = lineNo;
    if (this.ts < this.firstTs) this.firstTs = this.ts;
    if (this.ts > this.lastTs) this.lastTs = this.ts;
  }

  private endRecord(): void {
    this.inRecord = false;
    switch (this.kind) {
      case 'begin':
        this.kernelBegin();
        break;
      case 'end':
        this.kernelEnd();
        break;
      case 'futex-enter':
        this.futexEnter();
        break;
      case 'futex-exit':
        this.futexExit();
        break;
      default:
        break;
    }
    if (this.stackLines.length) {
      this.stackText = '';
      this.stackLines = [];
    }
  }

  private internStack(kind: WaitKind, lockType: string): StackStat {
    const key = kind === 'kernel' ? `${lockType}\n${this.stackText}` : this.stackText;
    let stat = this.stacks.get(key);
    if (!stat) {
      const frames = this.stackLines.map(parsePerfScriptFrame);
      const effectiveKind = kind === 'futex' && frames.some((f) => IDLE_FRAME.test(f.fn)) ? 'idle' : kind;
      stat = { kind: effectiveKind, frames, count: 0, totalNs: 0, maxNs: 0, lockType };
      this.stacks.set(key, stat);
    }
    return stat;
  }

  private thread(): ThreadStat {
    let t = this.threads.get(this.tid);
    if (!t) {
      t = { comm: this.comm, waits: 0, totalNs: 0, maxNs: 0, wakeCalls: 0, byStack: new Map() };
      this.threads.set(this.tid, t);
    }
    return t;
  }

  private address(address: string, kind: 'futex' | 'kernel', lockType: string): AddressStat {
    let a = this.addresses.get(address);
    if (!a) {
      a = { kind, lockType, waits: 0, wakeCalls: 0, woken: 0, totalNs: 0, maxNs: 0, threads: new Set(), byStack: new Map() };
      this.addresses.set(address, a);
    }
    return a;
  }

  private kernelBegin(): void {
    // `0xffff888627d2ba40 (flags=SPIN)`
    const space = this.args.indexOf(' ');
    const address = space < 0 ? this.args : this.args.slice(0, space);
    const flags = /flags=([\w|]+)/.exec(this.args)?.[1] ?? 'kernel';
    const stack = this.internStack('kernel', flags.toLowerCase());
    const list = this.pendingKernel.get(this.tid) ?? [];
    list.push({ ts: this.ts, address, stack, wake: false });
    this.pendingKernel.set(this.tid, list);
  }

  private kernelEnd(): void {
    const list = this.pendingKernel.get(this.tid);
    const begin = list?.pop();
    if (!begin || !begin.stack) {
      this.unpairedExits.add(this.headerLine);
      return;
    }
    this.recordWait(begin, 'kernel', begin.stack.lockType);
  }

  private futexEnter(): void {
    const a = this.args;
    const at = a.indexOf('uaddr: ');
    const opAt = a.indexOf('op: ');
    if (at < 0 || opAt < 0) {
      this.badArgs.add(this.headerLine);
      return;
    }
    const address = a.slice(at + 7, a.indexOf(',', at));
    const cmd = parseInt(a.slice(opAt + 4, opAt + 14), 16) & FUTEX_CMD_MASK;
    if (WAIT_CMDS.has(cmd)) {
      this.pendingFutex.set(this.tid, { ts: this.ts, address, stack: this.internStack('futex', 'futex'), wake: false });
    } else if (WAKE_CMDS.has(cmd)) {
      this.address(address, 'futex', 'futex').wakeCalls++;
      this.thread().wakeCalls++;
      this.pendingFutex.set(this.tid, { ts: this.ts, address, stack: undefined, wake: true });
    }
  }

  private futexExit(): void {
    const enter = this.pendingFutex.get(this.tid);
    if (!enter) {
      this.unpairedExits.add(this.headerLine);
      return;
    }
    this.pendingFutex.delete(this.tid);
    if (enter.wake) {
      const ret = parseInt(this.args, 16);
      if (ret > 0 && ret < 0x7fffffff) this.address(enter.address, 'futex', 'futex').woken += ret;
      return;
    }
    if (enter.stack) this.recordWait(enter, 'futex', 'futex');
  }

  private recordWait(start: Pending, kind: 'futex' | 'kernel', lockType: string): void {
    const stack = start.stack as StackStat;
    const ns = Math.max(0, this.ts - start.ts);
    stack.count++;
    stack.totalNs += ns;
    if (ns > stack.maxNs) stack.maxNs = ns;
    if (stack.kind === 'idle') {
      this.idleCount++;
      this.idleNs += ns;
      return;
    }
    const addr = this.address(start.address, kind, lockType);
    addr.waits++;
    addr.totalNs += ns;
    if (ns > addr.maxNs) addr.maxNs = ns;
    addr.threads.add(this.tid);
    countStack(addr.byStack, stack, ns);
    const t = this.thread();
    countStack(t.byStack, stack, ns);
    t.waits++;
    t.totalNs += ns;
    if (ns > t.maxNs) t.maxNs = ns;
  }

  finish(): Loaded<LockCapture> {
    if (this.inRecord) {
      // A capture normally ends with the blank line after its last call chain; without it the
      // last record was cut off (the disk filled up, perf was killed).
      const truncated = this.sawCallchain && this.lastLine !== '';
      if (!truncated) this.endRecord();
      else this.inRecord = false;
      if (truncated) this.truncatedAt = this.lastLineNo;
    }
    if (this.events === 0) throw new InputError(this.file, 'no perf script event lines found', { line: 1 });
    const capture = emptyCapture('perf-script', 'script');
    const rows = new Map<StackStat, LockRow>();
    for (const s of this.stacks.values()) {
      if (s.kind === 'idle' || s.count === 0) continue;
      const row = statRow(s.frames[0]?.symbol ?? '[unknown]', s.count, s.totalNs, s.maxNs);
      row.lockType = s.lockType;
      row.stack = s.frames;
      rows.set(s, row);
      capture.byCaller.push(row);
    }
    for (const [address, a] of this.addresses) {
      if (a.waits > 0) {
        const row = statRow(address, a.waits, a.totalNs, a.maxNs);
        row.address = address;
        row.lockType = a.lockType;
        row.callers = callersOf(a.byStack);
        capture.byLock.push(row);
      }
      if (a.kind === 'futex') capture.futex.push({ address, waits: a.waits, wakeCalls: a.wakeCalls, woken: a.woken, waitingThreads: a.threads.size, waitTotalNs: nanos(a.totalNs) });
    }
    for (const [tid, t] of this.threads) {
      const row = statRow(t.comm, t.waits, t.totalNs, t.maxNs);
      row.tid = tid;
      row.callers = callersOf(t.byStack);
      capture.byThread.push(row);
    }
    if (this.lastTs >= this.firstTs) capture.spanNs = nanos(this.lastTs - this.firstTs);
    if (this.capturedOnMs !== undefined) {
      capture.window = { startMs: epochMillis(this.capturedOnMs), endMs: epochMillis(this.capturedOnMs + (this.lastTs - this.firstTs) / 1e6) };
    }
    if (this.idleCount) capture.idleWaits = { count: this.idleCount, totalNs: nanos(this.idleNs) };
    capture.toolTotals.events = this.events;
    capture.toolTotals.distinctStacks = this.stacks.size;
    return { artifact: capture, complete: this.isComplete(), notices: this.notices() };
  }

  private isComplete(): boolean {
    return this.truncatedAt === undefined && this.unknownLines.count === 0 && this.orphanStacks.count === 0 && this.badArgs.count === 0;
  }

  private notices(): InputNotice[] {
    const notices: InputNotice[] = [];
    if (this.truncatedAt !== undefined) notices.push({ message: `the capture ends in the middle of a record (line ${this.truncatedAt}): the file is truncated, its last event was not counted`, line: this.truncatedAt });
    notices.push(
      ...tallyNotices(
        [this.unknownLines, 'not understood as perf script events (not counted)'],
        [this.orphanStacks, 'of call chain without an event header above them (not counted)'],
        [this.badArgs, 'of futex events without uaddr/op arguments (not counted)'],
        [this.unpairedExits, 'ending a wait whose start is not in the capture (the capture began mid-wait; not counted)'],
      ),
    );
    let open = 0;
    for (const p of this.pendingFutex.values()) if (!p.wake) open++;
    for (const list of this.pendingKernel.values()) open += list.length;
    if (open) notices.push({ message: `${plural(open, 'wait')} still in progress when the capture ended (not counted)` });
    for (const [event, count] of this.otherEvents) notices.push({ message: `${plural(count, `${event} event`)} ignored (not a lock or futex event)` });
    if (this.idleCount) notices.push({ message: `${plural(this.idleCount, 'futex wait')} in condition variables or joins counted as idle time, not lock contention` });
    return notices;
  }
}

function statRow(label: string, count: number, totalNs: number, maxNs: number): LockRow {
  return {
    label,
    labelTruncated: false,
    contended: count,
    waitTotalNs: nanos(totalNs),
    waitMaxNs: nanos(maxNs),
    waitAvgNs: nanos(count ? totalNs / count : 0),
    stack: [],
    callers: [],
  };
}

export const perfScriptFormat = lineFormat<LockCapture>({
  id: 'perf-script-locks',
  label: 'perf script of lock:contention_* and futex syscall events',
  phase: 'pairing lock waits',
  sniff: sniffPerfScript,
  parser: (file) => new PerfScriptAccumulator(file),
});
