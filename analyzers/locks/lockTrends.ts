import { captureTrend, type CaptureTrend } from '../core/captureTrend';
import { comparable } from './compareCaptures';
import type { LockTool } from './model';
import type { LockSummary, RankedEntry } from './summary';
import { timeWord } from './viewText';

/** One lock over the captures of one program: its wait (per second of capture when every capture has a length). */
export interface LockTrend {
  label: string;
  lockType?: string;
  /** The address in the last capture that has the lock (addresses move between runs; the name does not). */
  address?: string;
  wait: CaptureTrend;
  contended: number[];
}

/** Per lock, the trend over three or more captures of one program by one tool. */
export interface LockTrendReport {
  tool: LockTool;
  variant: string;
  /** `lock wait`, or `hold time` for a tool that times holds. */
  timeWord: string;
  /** File names, oldest first. */
  captures: string[];
  orderedBy: 'timestamps' | 'file order';
  /** Values are ns per second of capture (captures of different lengths compare); otherwise total ns. */
  perSecond: boolean;
  /** The wait of every lock of each capture, in the same unit. */
  totalWait: number[];
  /** Locks whose wait changed by at least 1 % of the largest capture's, most wait added first. */
  locks: LockTrend[];
}

/** A line needs three points to say anything a difference does not. */
export const MIN_LOCK_TREND_CAPTURES = 3;
const MIN_CHANGE_SHARE = 0.01;
const MAX_LOCKS = 20;

/**
 * The captures of one program by one tool (complete, with some wait, sharing a function with the
 * first), in the order of their own start times when each has a distinct one, else in the order given.
 */
export function lockCaptureSeries(summaries: readonly LockSummary[]): { captures: LockSummary[]; orderedBy: LockTrendReport['orderedBy'] }[] {
  const groups = new Map<string, LockSummary[]>();
  for (const s of summaries) {
    if (!s.complete || (s.totalNs === 0 && s.callers.length === 0)) continue;
    const key = `${s.tool} ${s.variant}`;
    const group = groups.get(key);
    if (!group) groups.set(key, [s]);
    else if (comparable(group[0], s)) group.push(s);
  }
  return [...groups.values()].map((captures) => {
    const starts = captures.map((c) => c.window?.startMs);
    const timed = starts.every((t) => t !== undefined) && new Set(starts).size === captures.length;
    if (!timed) return { captures, orderedBy: 'file order' as const };
    return { captures: [...captures].sort((a, b) => (a.window?.startMs ?? 0) - (b.window?.startMs ?? 0)), orderedBy: 'timestamps' as const };
  });
}

const lockKey = (e: RankedEntry) => `${e.label}\u0000${e.lockType ?? ''}`;

/** Per lock (by name and type: addresses differ from run to run), its wait across the captures, oldest first. */
export function lockTrends(captures: readonly LockSummary[], orderedBy: LockTrendReport['orderedBy']): LockTrendReport {
  const perSecond = captures.every((c) => (c.spanNs ?? 0) > 0);
  const scale = (c: LockSummary, ns: number) => (perSecond ? ns / ((c.spanNs ?? 1) / 1e9) : ns);
  const maps = captures.map((c) => new Map(c.locks.map((e) => [lockKey(e), e])));
  const totalWait = captures.map((c) => scale(c, c.totalNs));
  const minChange = Math.max(1, MIN_CHANGE_SHARE * Math.max(0, ...totalWait));
  const locks: LockTrend[] = [];
  for (const key of new Set(maps.flatMap((m) => [...m.keys()]))) {
    const rows = maps.map((m) => m.get(key));
    const values = rows.map((r, i) => (r ? scale(captures[i], r.totalNs) : 0));
    if (Math.max(...values) - Math.min(...values) < minChange) continue;
    const last = rows.findLast((r) => r !== undefined);
    if (!last) continue;
    const trend: LockTrend = { label: last.label, wait: captureTrend(values), contended: rows.map((r) => r?.contended ?? 0) };
    if (last.lockType !== undefined) trend.lockType = last.lockType;
    if (last.address !== undefined) trend.address = last.address;
    locks.push(trend);
  }
  const added = (t: LockTrend) => t.wait.values[t.wait.values.length - 1] - t.wait.values[0];
  locks.sort((a, b) => added(b) - added(a) || a.label.localeCompare(b.label));
  const first = captures[0];
  return { tool: first.tool, variant: first.variant, timeWord: timeWord(first), captures: captures.map((c) => c.file), orderedBy, perSecond, totalWait, locks: locks.slice(0, MAX_LOCKS) };
}
