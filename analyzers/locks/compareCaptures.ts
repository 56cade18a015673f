import type { FlameGraph } from '../core/flameGraph';
import type { Finding } from '../core/finding';
import { nanos, type Nanos } from '../core/units';
import { lockFinding, sharePercent } from './diagnoses/contract';
import { formatShare, groupDigits } from '../core/numberFormat';
import { formatNanos, timeWord } from './viewText';
import type { LockSummary } from './summary';

export interface CallerDelta {
  label: string;
  beforeNs: Nanos;
  afterNs: Nanos;
  deltaNs: Nanos;
  beforeCount: number;
  afterCount: number;
}

/** Two captures of the same program: what the change did to contention, overall and per caller. */
export interface CaptureComparison {
  before: string;
  after: string;
  timeWord: string;
  beforeTotalNs: Nanos;
  afterTotalNs: Nanos;
  beforeContended: number;
  afterContended: number;
  /** Per second of capture, when both captures have timestamps (captures rarely last equally long). */
  beforeNsPerSecond?: number;
  afterNsPerSecond?: number;
  beforeContendedPerSecond?: number;
  afterContendedPerSecond?: number;
  /** Share of the hottest lock: a sharding fix spreads waits over many locks. */
  beforeTopLockShare?: number;
  afterTopLockShare?: number;
  beforeLocks: number;
  afterLocks: number;
  /** Biggest change first. */
  callers: CallerDelta[];
  /** after/before of the rate when known, of the totals otherwise; < 1 is an improvement. */
  ratio: number;
  /** Both captures' wait by stack, merged frame by frame (absent in older cases). */
  flame?: FlameGraph;
}

/** Same tool and at least one application function in common: the same program, measured twice. */
export function comparable(a: LockSummary, b: LockSummary): boolean {
  if (a.tool !== b.tool || a.timeMeaning !== b.timeMeaning) return false;
  const labels = new Set(a.callers.map((c) => c.label));
  return b.callers.some((c) => labels.has(c.label)) || (a.callers.length === 0 && b.callers.length === 0);
}

export function compareCaptures(before: LockSummary, after: LockSummary): CaptureComparison {
  const byLabel = new Map<string, CallerDelta>();
  const entry = (label: string) => {
    let d = byLabel.get(label);
    if (!d) {
      d = { label, beforeNs: nanos(0), afterNs: nanos(0), deltaNs: nanos(0), beforeCount: 0, afterCount: 0 };
      byLabel.set(label, d);
    }
    return d;
  };
  for (const c of before.callers) {
    const d = entry(c.label);
    d.beforeNs = nanos(d.beforeNs + c.totalNs);
    d.beforeCount += c.contended;
  }
  for (const c of after.callers) {
    const d = entry(c.label);
    d.afterNs = nanos(d.afterNs + c.totalNs);
    d.afterCount += c.contended;
  }
  for (const d of byLabel.values()) d.deltaNs = nanos(d.afterNs - d.beforeNs);
  const result: CaptureComparison = {
    before: before.file,
    after: after.file,
    timeWord: timeWord(before),
    beforeTotalNs: before.totalNs,
    afterTotalNs: after.totalNs,
    beforeContended: before.totalContended,
    afterContended: after.totalContended,
    beforeLocks: before.locks.length,
    afterLocks: after.locks.length,
    callers: [...byLabel.values()].sort((a, b) => Math.abs(b.deltaNs) - Math.abs(a.deltaNs)),
    ratio: before.totalNs ? after.totalNs / before.totalNs : after.totalNs ? Number.POSITIVE_INFINITY : 1,
  };
  if (before.locks[0]) result.beforeTopLockShare = before.locks[0].share;
  if (after.locks[0]) result.afterTopLockShare = after.locks[0].share;
  if (before.spanNs && after.spanNs) {
    const bs = before.spanNs / 1e9;
    const as = after.spanNs / 1e9;
    result.beforeNsPerSecond = before.totalNs / bs;
    result.afterNsPerSecond = after.totalNs / as;
    result.beforeContendedPerSecond = before.totalContended / bs;
    result.afterContendedPerSecond = after.totalContended / as;
    result.ratio = result.beforeNsPerSecond ? result.afterNsPerSecond / result.beforeNsPerSecond : 1;
  }
  return result;
}

const pct = (ratio: number): string => `${ratio <= 1 ? '−' : '+'}${formatShare(Math.abs(1 - ratio))}`;

/** Less lock wait (per second of capture when both have a length) by a tenth or more. */
export const improvedBy = (c: Pick<CaptureComparison, 'ratio'>): boolean => c.ratio < 0.9;

export function comparisonFinding(c: CaptureComparison, after: LockSummary, index: number): Finding {
  const improved = improvedBy(c);
  const worse = c.ratio > 1.1;
  const rate = c.beforeNsPerSecond !== undefined && c.afterNsPerSecond !== undefined;
  const what = rate
    ? `${c.timeWord} per second of capture went from ${formatNanos(c.beforeNsPerSecond ?? 0)} to ${formatNanos(c.afterNsPerSecond ?? 0)} (${pct(c.ratio)})`
    : `total ${c.timeWord} went from ${formatNanos(c.beforeTotalNs)} to ${formatNanos(c.afterTotalNs)} (${pct(c.ratio)})`;
  const movers = c.callers.slice(0, 3).map((d) => `${d.label}() ${formatNanos(d.beforeNs)} → ${formatNanos(d.afterNs)}`);
  const evidence: Finding['evidence'] = [
    { label: `total ${c.timeWord} before`, value: c.beforeTotalNs, unit: 'ns' },
    { label: `total ${c.timeWord} after`, value: c.afterTotalNs, unit: 'ns' },
    // Folded stacks count no waits: no counts rather than zeros.
    ...(c.beforeContended || c.afterContended
      ? [
          { label: 'contended acquisitions before', value: c.beforeContended, unit: 'count' as const },
          { label: 'contended acquisitions after', value: c.afterContended, unit: 'count' as const },
        ]
      : []),
  ];
  if (rate) {
    evidence.push(
      { label: 'contended acquisitions per second before', value: Math.round(c.beforeContendedPerSecond ?? 0), unit: 'count' },
      { label: 'contended acquisitions per second after', value: Math.round(c.afterContendedPerSecond ?? 0), unit: 'count' },
    );
  }
  if (c.beforeTopLockShare !== undefined && c.afterTopLockShare !== undefined) {
    evidence.push({ label: 'hottest lock share before', value: sharePercent(c.beforeTopLockShare), unit: '%' }, { label: 'hottest lock share after', value: sharePercent(c.afterTopLockShare), unit: '%' });
  }
  for (const d of c.callers.slice(0, 5)) evidence.push({ label: `${d.label}() change`, value: d.deltaNs, unit: 'ns' });
  return lockFinding(after, {
    id: `locks.comparison.${index}`,
    analysis: 'locks.comparison',
    // Better is the improvement the change made; about the same is no news; worse is the after capture's contention.
    share: improved ? { improvement: true } : worse ? 1 : {},
    title: `${improved ? 'Contention fell' : worse ? 'Contention grew' : 'Contention about the same'} from ${c.before} to ${c.after}: ${what}`,
    detail:
      `Compared ${c.before} (before) with ${c.after} (after): ${what}${c.beforeContended || c.afterContended ? `; contended acquisitions ${groupDigits(c.beforeContended)} → ${groupDigits(c.afterContended)}` : ''}` +
      `${c.beforeTopLockShare !== undefined && c.afterTopLockShare !== undefined ? `; the hottest lock's share ${formatShare(c.beforeTopLockShare)} → ${formatShare(c.afterTopLockShare)} across ${groupDigits(c.beforeLocks)} → ${groupDigits(c.afterLocks)} locks` : ''}. ` +
      `Largest changes: ${movers.join('; ') || 'none'}.`,
    evidence,
    paths: [],
    suggestedFix: improved ? 'Keep the change; capture again under production load to confirm throughput and tail latency recovered.' : 'The change did not reduce contention: look at the callers whose wait grew and at the hottest lock of the after capture.',
  });
}
