import type { EvidenceItem, EvidencePath, Finding, Severity } from '../../core/finding';
import type { LockAnalysisId } from '../analysisIds';
import { formatShare } from '../viewText';
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

/** 0.4512 → 45.1: a share as an evidence value with unit `%`. */
export const sharePercent = (share: number): number => Math.round(share * 1000) / 10;

export function lockFinding(
  summary: LockSummary,
  fields: { id: string; analysis: string; severity: Severity; title: string; detail: string; evidence: EvidenceItem[]; paths: EvidencePath[]; suggestedFix: string },
): Finding {
  const finding: Finding = { ...fields, category: 'lock-contention', sources: [summary.file] };
  if (summary.window) finding.window = summary.window;
  return finding;
}

export function lockName(entry: RankedEntry): string {
  const named = entry.label && entry.label !== entry.address;
  return named ? `${entry.label}${entry.address ? ` (${entry.address})` : ''}` : `the lock at ${entry.address ?? entry.label}`;
}
