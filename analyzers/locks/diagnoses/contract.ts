import type { EvidenceItem, EvidencePath, Finding, FindingImpact, FindingSubject } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { nanos } from '../../core/units';
import type { LockAnalysisId } from '../analysisIds';
import { formatShare } from '../../core/numberFormat';
import { concurrentWaiters } from '../viewText';
import type { LockSummary, RankedEntry } from '../summary';

/**
 * One diagnosis = one file with this contract (the memlab shape): it reads an input's summary and
 * returns a finding with its evidence, or nothing. Adding a detector never edits a switch elsewhere.
 */
export interface LockDiagnosis {
  /** `locks.<name>`: the finding's `analysis`. */
  analysis: LockAnalysisId;
  detect(summary: LockSummary, index: number): Finding | undefined;
}

export function hottestLock(summary: LockSummary): RankedEntry | undefined {
  const top = summary.locks[0];
  return top && top.totalNs > 0 ? top : undefined;
}

export function callerPaths(entry: RankedEntry, limit = 3): EvidencePath[] {
  return entry.callers.slice(0, limit).map((c) => ({ label: `${c.label} — ${formatShare(c.share)} of this lock's wait`, steps: c.path.length ? c.path : [c.label] }));
}

/**
 * 0.4512 → 45.12: a share as an evidence value with unit `%`, not rounded: the outputs round it as
 * `formatPercent` does, so a caller's sliver of the wait reads `<0.1 %`, not `0.0 %`.
 */
export const sharePercent = (share: number): number => share * 100;

/** The part (`share`, 0..1) of a capture's lock wait a finding is about, as its impact. */
export function lockWaitImpact(summary: LockSummary, share: number): FindingImpact {
  const meanWaiters = concurrentWaiters(summary, summary.totalNs);
  return { lockWait: { share, totalWaitNs: nanos(summary.totalNs), ...(meanWaiters !== undefined ? { meanWaiters } : {}) } };
}

/**
 * A lock finding; `share` is the part of the capture's lock wait it is about (1 for the whole
 * capture, the lock's share for a diagnosis of one lock), and its severity follows from it.
 */
export function lockFinding(
  summary: LockSummary,
  {
    share,
    about,
    ...fields
  }: { id: string; analysis: string; share: number | FindingImpact; about?: LockIdentity; title: string; detail: string; evidence: EvidenceItem[]; paths: EvidencePath[]; suggestedFix: string },
): Finding {
  const impact = typeof share === 'number' ? lockWaitImpact(summary, share) : share;
  const finding: Finding = { ...fields, severity: severityOf(impact), impact, category: 'lock-contention', sources: [summary.file] };
  if (summary.window) finding.window = summary.window;
  if (about) finding.subject = lockSubject(about);
  // A lock named by its callers keeps its address, which other tools (futex traces) name it by.
  if (about?.address && !isNamed(about) && !finding.title.includes(about.address)) finding.evidence = [{ label: 'lock address', value: about.address }, ...finding.evidence];
  return finding;
}

export type LockIdentity = Pick<RankedEntry, 'address' | 'label'>;

/**
 * The diagnoses of one lock (it serializes independent operations, too many threads queue on it,
 * its futex storms) are one problem seen from several sides: the same subject, so the report merges
 * them into one finding (report/mergeFindings.ts). The address names a lock across tools; a tool
 * without addresses names it by its class.
 */
export function lockSubject(lock: LockIdentity): FindingSubject {
  const key = `lock ${lock.address ?? lock.label}`;
  return { key, objects: key };
}

export const isNamed = (entry: LockIdentity): boolean => Boolean(entry.label) && entry.label !== entry.address;

/**
 * A lock as a reader knows it: its symbol or class when the tool gives one; else by the functions
 * that wait on it (a futex address means nothing in a post-mortem meeting; the address goes in the
 * evidence).
 */
export function lockName(entry: RankedEntry): string {
  if (isNamed(entry)) return `${entry.label}${entry.address ? ` (${entry.address})` : ''}`;
  const callers = entry.callers.map((c) => `${c.label}()`);
  if (callers.length === 0) return `the lock at ${entry.address ?? entry.label}`;
  const shown = callers.length > 3 ? [...callers.slice(0, 2), `${callers.length - 2} more`] : callers;
  return `the lock of ${shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0]}`;
}
