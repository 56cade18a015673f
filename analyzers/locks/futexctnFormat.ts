import { InputError } from '../core/inputError';
import { nanos } from '../core/units';
import type { InputNotice, Loaded } from '../ingest/capability';
import { plural } from '../core/numberFormat';
import { LineTally, tallyNotices } from '../ingest/lineTally';
import type { LineParser, TextEnd } from '../ingest/lineInput';
import { IDLE_FRAME, makeFrame } from './frames';
import { emptyCapture, type CallerCount, type LockCapture, type LockFrame, type LockRow } from './model';
import { lineFormat, type LineFormat } from './textInput';

/**
 * `comm[tid] lock 0x… contended N times, A avg usecs [max: M usecs, min m usecs]` (futexctn.c,
 * print_map); with -s the bracket holds the process id and no stack follows.
 */
const ENTRY = /^(.*)\[(\d+)\] lock (0x[0-9a-f]+) contended (\d+) times, (\d+) avg (usecs|msecs) \[max: (\d+) (?:usecs|msecs), min (\d+) (?:usecs|msecs)\]$/;
/** trace_helpers.c print_log2_hist: the header, then `low -> high : count |stars|`. */
const HIST_HEAD = /^(usecs|msecs)\s+: count\s+distribution$/;
const HIST_ROW = /^(\d+) -> (\d+)\s+: (\d+)\s+\|[*+ ]*\|$/;
/** -T prints the local time before each interval's entries. */
const TIMESTAMP = /^\d\d:\d\d:\d\d$/;
/** futexctn -v: `#0  0x00007f… sym+0x2b (dso+0x8612b)`, either part missing when unknown. */
const VERBOSE_FRAME = /^#\d+\s+(0x[0-9a-f]+)(?: (.+?)\+0x[0-9a-f]+)?(?: \((.+)\+0x[0-9a-f]+\))?$/;

interface Entry {
  comm: string;
  id: number;
  address: string;
  contended: number;
  totalNs: number;
  maxNs: number;
  minNs: number;
  frames: LockFrame[];
  histogramCount: number;
  line: number;
}

/**
 * libbpf-tools `futexctn` (bcc): per thread, futex address and user stack, how often a FUTEX_WAIT
 * blocked and for how long (a count, the average, max and min, and a log2 histogram). It sees every
 * FUTEX_WAIT, the mutex slow path above all; waits under a condition variable or a join are idle
 * time, kept apart as the folded stacks do. Repeated intervals (`futexctn 1 10`) are summed.
 */
class FutexctnParser implements LineParser<LockCapture> {
  private readonly entries: Entry[] = [];
  private readonly badLines = new LineTally();
  private current: Entry | undefined;
  private inStack = false;
  private stacks = false;
  private unit: 'usecs' | 'msecs' = 'usecs';
  private intervals = 0;
  private mismatched = 0;
  private missedStacks = 0;

  constructor(private readonly file: string) {}

  push(text: string, lineNo: number): void {
    const t = text.trim();
    if (t === '') return;
    const entry = ENTRY.exec(t);
    if (entry) {
      this.close();
      const scale = entry[6] === 'msecs' ? 1e6 : 1e3;
      this.unit = entry[6] as 'usecs' | 'msecs';
      const contended = Number(entry[4]);
      this.current = {
        comm: entry[1],
        id: Number(entry[2]),
        address: entry[3],
        contended,
        // The tool prints the integer average (total / count): the product is the total less under one unit per wait.
        totalNs: Number(entry[5]) * contended * scale,
        maxNs: Number(entry[7]) * scale,
        minNs: Number(entry[8]) * scale,
        frames: [],
        histogramCount: 0,
        line: lineNo,
      };
      this.inStack = false;
      return;
    }
    if (TIMESTAMP.test(t)) {
      this.close();
      this.intervals++;
      return;
    }
    const e = this.current;
    if (e && t === '-') {
      this.inStack = !this.inStack;
      this.stacks = true;
      return;
    }
    if (e && this.inStack) {
      if (t === '[Missed User Stack]') this.missedStacks++;
      else e.frames.push(frameOf(t));
      return;
    }
    if (e && HIST_HEAD.test(t)) return;
    const row = HIST_ROW.exec(t);
    if (e && row) {
      e.histogramCount += Number(row[3]);
      return;
    }
    this.badLines.add(lineNo);
  }

  finish(end?: TextEnd): Loaded<LockCapture> {
    const last = this.current;
    this.close();
    if (this.entries.length === 0) throw new InputError(this.file, 'has no futexctn entry (comm[tid] lock 0x… contended N times, … avg usecs [max: …, min …])');
    // The last entry's histogram short of its count: the output stops inside it.
    const cut = last !== undefined && last.histogramCount < last.contended && (end?.lastLineUnterminated ?? true);
    const capture = emptyCapture('futexctn', this.stacks ? 'futexctn' : 'futexctn -s');
    const locks = new Map<string, LockRow>();
    const callers = new Map<string, LockRow>();
    const threads = new Map<string, LockRow>();
    let idleCount = 0;
    let idleNs = 0;
    for (const e of this.entries) {
      if (e.frames.some((f) => IDLE_FRAME.test(f.fn))) {
        idleCount += e.contended;
        idleNs += e.totalNs;
        continue;
      }
      const lock = upsert(locks, e.address, () => ({ ...row(e.address, e.line), address: e.address, lockType: 'futex', waitMinNs: nanos(e.minNs) }));
      add(lock, e);
      lock.waitMaxNs = nanos(Math.max(lock.waitMaxNs ?? 0, e.maxNs));
      if (e.minNs > 0) lock.waitMinNs = nanos(Math.min(lock.waitMinNs || e.minNs, e.minNs));
      let caller: LockRow | undefined;
      if (e.frames.length) {
        const key = e.frames.map((f) => f.symbol).join('\n');
        caller = upsert(callers, key, () => ({ ...row(e.frames[0].symbol, e.line), stack: e.frames }));
        add(caller, e);
        addCaller(lock, caller, e);
      }
      const thread = upsert(threads, `${e.comm}[${e.id}]`, () => ({ ...row(`${e.comm}[${e.id}]`, e.line), ...(this.stacks ? { tid: e.id } : {}) }));
      add(thread, e);
      // Which stacks the thread waited in: what a frame of the wait flame graph filters the threads by.
      if (caller) addCaller(thread, caller, e);
    }
    if (locks.size === 0) throw new InputError(this.file, `has ${plural(this.entries.length, 'futexctn record')}, all waiting in a condition variable or a join: idle time, not lock contention`);
    capture.byLock = [...locks.values()];
    capture.byCaller = [...callers.values()];
    capture.byThread = [...threads.values()];
    if (idleCount) capture.idleWaits = { count: idleCount, totalNs: nanos(idleNs) };
    capture.toolTotals.entries = this.entries.length;
    if (this.intervals) capture.toolTotals.intervals = this.intervals;
    return { artifact: capture, complete: this.badLines.count === 0 && !cut, notices: this.notices(cut) };
  }

  private close(): void {
    const e = this.current;
    if (!e) return;
    // Each entry's histogram counts its waits again: a different sum means a damaged entry.
    if (e.histogramCount !== e.contended) this.mismatched++;
    this.entries.push(e);
    this.current = undefined;
    this.inStack = false;
  }

  private notices(cut: boolean): InputNotice[] {
    const out = tallyNotices([this.badLines, 'not futexctn output']);
    if (cut) out.push({ message: 'the output ends inside the last entry\'s histogram: it was cut; the entries before it are read' });
    else if (this.mismatched) out.push({ message: `${plural(this.mismatched, 'record')} whose histogram does not add up to its contended count` });
    if (this.missedStacks) out.push({ message: `${plural(this.missedStacks, 'record')} with a missed user stack (the stack table was full: raise --stack-storage-size)` });
    if (this.intervals > 1) out.push({ message: `${plural(this.intervals, 'interval')} summed` });
    out.push({ message: `futexctn prints each entry's average in whole ${this.unit}: its total wait is the average times the count, a little less than measured` });
    return out;
  }
}

function frameOf(text: string): LockFrame {
  const verbose = VERBOSE_FRAME.exec(text);
  if (verbose) return makeFrame(verbose[2] ?? '', verbose[1], verbose[3]);
  // blazesym builds print `symbol:line`.
  return makeFrame(text.replace(/:\d+$/, ''), undefined, undefined);
}

function row(label: string, line: number): LockRow {
  return { label, labelTruncated: false, contended: 0, waitTotalNs: nanos(0), stack: [], callers: [], line };
}

function upsert(map: Map<string, LockRow>, key: string, make: () => LockRow): LockRow {
  let r = map.get(key);
  if (!r) map.set(key, (r = make()));
  return r;
}

function add(r: LockRow, e: Entry): void {
  r.contended += e.contended;
  r.waitTotalNs = nanos((r.waitTotalNs ?? 0) + e.totalNs);
}

/** The entry's waits under `r`'s callers, one per stack (`caller`: the call-site row of that stack). */
function addCaller(r: LockRow, caller: LockRow, e: Entry): void {
  const named: CallerCount | undefined = r.callers.find((c) => c.stack === caller.stack);
  if (named) {
    named.count += e.contended;
    named.waitTotalNs = nanos((named.waitTotalNs ?? 0) + e.totalNs);
  } else r.callers.push({ label: caller.label, count: e.contended, waitTotalNs: nanos(e.totalNs), stack: caller.stack });
}

export const futexctnFormat: LineFormat<LockCapture> = lineFormat<LockCapture>({
  id: 'locks.futexctn',
  label: 'bcc libbpf-tools futexctn (futex wait by thread, address and stack)',
  phase: 'reading futexctn output',
  sniff: (head) => head.split('\n', 60).some((l) => ENTRY.test(l.trim())),
  parser: (file) => new FutexctnParser(file),
});
