import type { Nanos } from '../core/units';
import { nanos } from '../core/units';
import type { LoadedInput } from '../ingest/capability';
import { applicationPath, type LockFrameClassifier } from './folding';
import { functionName } from './frames';
import { callersByInnermost } from './viewCallers';
import type { CallerCount, FutexActivity, LockCapture, LockFrame, LockRow, LockTool, TimeMeaning } from './model';

/** One ranked row: a lock, an application function or a thread, with its share of all time. */
export interface RankedEntry {
  label: string;
  lockType?: string;
  address?: string;
  tid?: number;
  contended: number;
  acquired?: number;
  /** contended / acquired, when the tool counts acquisitions. */
  contentionRate?: number;
  /** Wait time, or hold time for tools that only measure holds (see `timeMeaning`). */
  totalNs: Nanos;
  avgNs?: Nanos;
  maxNs?: Nanos;
  holdTotalNs?: Nanos;
  holdAvgNs?: Nanos;
  /** 0–1 of the input's total. */
  share: number;
  reads?: number;
  writes?: number;
  nestedLocks?: string[];
  instances?: number;
  /** Application functions that waited on this lock, biggest first. */
  callers: { label: string; count: number; totalNs: Nanos; share: number; path: string[] }[];
  line?: number;
  /**
   * A thread's waits by application path, biggest first, when the input says which stack each
   * thread waited in (perf script, futexctn): what a frame of the wait flame graph keeps of it.
   */
  paths?: WaitPath[];
}

/** A stack reduced to its application path, with the time spent waiting in it. */
export interface WaitPath {
  path: string[];
  count: number;
  totalNs: Nanos;
}

/** What every analysis reads: one input, normalised, ranked by total time (perf's default). */
export interface LockSummary {
  file: string;
  tool: LockTool;
  variant: string;
  timeMeaning: TimeMeaning;
  program?: string;
  complete: boolean;
  totalNs: Nanos;
  totalContended: number;
  locks: RankedEntry[];
  callers: RankedEntry[];
  threads: RankedEntry[];
  owners: RankedEntry[];
  paths: WaitPath[];
  futex: FutexActivity[];
  spanNs?: Nanos;
  window?: LockCapture['window'];
  idleWaits?: LockCapture['idleWaits'];
}

const rowTime = (r: LockRow): number => r.waitTotalNs ?? r.holdTotalNs ?? 0;

/** A stack's application path, innermost first; without a stack, the function the row names. */
const pathOf = (stack: readonly LockFrame[] | undefined, label: string, classifier: LockFrameClassifier): string[] =>
  stack?.length ? applicationPath(stack, classifier) : [functionName(label) || label];

/** Adds waits to the path they went through, merging equal paths. */
function addToPath(paths: Map<string, WaitPath>, path: string[], count: number, ns: number): void {
  const key = path.join('\n');
  const p = paths.get(key) ?? { path, count: 0, totalNs: nanos(0) };
  p.count += count;
  p.totalNs = nanos(p.totalNs + ns);
  paths.set(key, p);
}

const biggestFirst = (paths: Map<string, WaitPath>): WaitPath[] => [...paths.values()].sort((a, b) => b.totalNs - a.totalNs);

/** `withPaths`: each row whose callers have stacks also gets its waits by path (the threads). */
function ranked(rows: readonly LockRow[], classifier: LockFrameClassifier, withPaths = false): RankedEntry[] {
  const total = rows.reduce((s, r) => s + rowTime(r), 0);
  const out = rows.map((r): RankedEntry => {
    const totalNs = nanos(rowTime(r));
    const e: RankedEntry = { label: r.label, contended: r.contended, totalNs, share: total ? totalNs / total : 0, callers: callersOf(r.callers, classifier) };
    if (r.lockType !== undefined) e.lockType = r.lockType;
    if (r.address !== undefined) e.address = r.address;
    if (r.tid !== undefined) e.tid = r.tid;
    if (r.acquired !== undefined) {
      e.acquired = r.acquired;
      if (r.acquired > 0) e.contentionRate = r.contended / r.acquired;
    }
    const avg = r.waitTotalNs !== undefined ? r.waitAvgNs : r.holdAvgNs;
    const max = r.waitTotalNs !== undefined ? r.waitMaxNs : r.holdMaxNs;
    if (avg !== undefined) e.avgNs = avg;
    else if (r.contended) e.avgNs = nanos(totalNs / r.contended);
    if (max !== undefined) e.maxNs = max;
    if (r.waitTotalNs !== undefined && r.holdTotalNs !== undefined) e.holdTotalNs = r.holdTotalNs;
    if (r.holdAvgNs !== undefined) e.holdAvgNs = r.holdAvgNs;
    if (r.reads !== undefined) e.reads = r.reads;
    if (r.writes !== undefined) e.writes = r.writes;
    if (r.nestedLocks) e.nestedLocks = r.nestedLocks;
    if (r.instances !== undefined) e.instances = r.instances;
    if (r.line !== undefined) e.line = r.line;
    if (withPaths && r.callers.some((c) => c.stack?.length)) {
      const paths = new Map<string, WaitPath>();
      for (const c of r.callers) addToPath(paths, pathOf(c.stack, c.label, classifier), c.count, c.waitTotalNs ?? 0);
      e.paths = biggestFirst(paths);
    }
    return e;
  });
  return out.sort((a, b) => b.totalNs - a.totalNs || b.contended - a.contended);
}

function callersOf(callers: readonly CallerCount[], classifier: LockFrameClassifier): RankedEntry['callers'] {
  return callersByInnermost(
    callers.map((c) => {
      const path = pathOf(c.stack, c.label, classifier);
      return { path: path.length ? path : [c.label], count: c.count, totalNs: nanos(c.waitTotalNs ?? 0) };
    }),
  );
}

/** The stacks an input attributes time to: perf script and -v rows, lock callers, mutrace's first-use stacks. */
function stackedTimes(capture: LockCapture): { stack: LockFrame[]; label: string; count: number; totalNs: number }[] {
  const out: { stack: LockFrame[]; label: string; count: number; totalNs: number }[] = [];
  if (capture.byCaller.length) {
    for (const r of capture.byCaller) out.push({ stack: r.stack, label: r.label, count: r.contended, totalNs: rowTime(r) });
    return out;
  }
  for (const lock of capture.byLock) {
    const withTime = lock.callers.filter((c) => c.waitTotalNs !== undefined);
    if (withTime.length) for (const c of withTime) out.push({ stack: c.stack ?? [], label: c.label, count: c.count, totalNs: c.waitTotalNs ?? 0 });
    else if (lock.callers.length) {
      // lock_stat counts contentions per call site but times only per class: split by count.
      const n = lock.callers.reduce((s, c) => s + c.count, 0);
      for (const c of lock.callers) if (!c.label.endsWith('(holder)')) out.push({ stack: c.stack ?? [], label: c.label, count: c.count, totalNs: n ? (rowTime(lock) * c.count) / n : 0 });
    } else if (lock.stack.length) out.push({ stack: lock.stack, label: lock.label, count: lock.contended, totalNs: rowTime(lock) });
  }
  return out;
}

export function summarize(input: LoadedInput<LockCapture>, classifier: LockFrameClassifier): LockSummary {
  const c = input.artifact;
  const paths = new Map<string, WaitPath>();
  const callers = new Map<string, LockRow>();
  for (const s of stackedTimes(c)) {
    const path = pathOf(s.stack, s.label, classifier);
    addToPath(paths, path, s.count, s.totalNs);
    const label = path[0] ?? s.label;
    const row = callers.get(label) ?? { label, labelTruncated: false, contended: 0, waitTotalNs: nanos(0), stack: [], callers: [] };
    row.contended += s.count;
    row.waitTotalNs = nanos((row.waitTotalNs ?? 0) + s.totalNs);
    callers.set(label, row);
  }
  // Per-caller maxima and averages come straight from the rows when there is one row per caller.
  for (const r of c.byCaller) {
    const path = pathOf(r.stack, r.label, classifier);
    const agg = callers.get(path[0] ?? r.label);
    if (agg && r.waitMaxNs !== undefined && (agg.waitMaxNs ?? 0) < r.waitMaxNs) agg.waitMaxNs = r.waitMaxNs;
    if (agg && r.acquired !== undefined) agg.acquired = (agg.acquired ?? 0) + r.acquired;
  }
  const primary = c.byLock.length ? c.byLock : c.byCaller.length ? c.byCaller : c.byThread.length ? c.byThread : c.byOwner;
  const summary: LockSummary = {
    file: input.file,
    tool: c.tool,
    variant: c.variant,
    timeMeaning: c.timeMeaning,
    complete: input.complete,
    totalNs: nanos(primary.reduce((s, r) => s + rowTime(r), 0)),
    totalContended: primary.reduce((s, r) => s + r.contended, 0),
    locks: ranked(c.byLock, classifier),
    callers: ranked([...callers.values()], classifier),
    threads: ranked(c.byThread, classifier, true),
    owners: ranked(c.byOwner, classifier),
    paths: biggestFirst(paths),
    futex: c.futex,
  };
  if (c.spanNs !== undefined) summary.spanNs = c.spanNs;
  if (c.program !== undefined) summary.program = c.program;
  if (c.window) summary.window = c.window;
  if (c.idleWaits) summary.idleWaits = c.idleWaits;
  return summary;
}
