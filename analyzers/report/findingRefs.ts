import type { Finding } from '../core/finding';
import type { FindingRef } from './reportModel';

/** A finding with the key the report refers to it by. */
export interface KeyedFinding {
  key: string;
  finding: Finding;
}

/**
 * Gives every finding a report-unique key. Ids are unique per analysis run, but two inputs of one
 * analysis (an LSan and a Valgrind report of the same program) can both yield `…cycle.0`; the
 * second becomes `…cycle.0~2`. Characters outside [\w.-] are replaced so a key is a safe anchor.
 */
export function keyFindings(findings: readonly Finding[]): KeyedFinding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const base = finding.id.replace(/[^\w.-]/g, '_') || 'finding';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: n === 1 ? base : `${base}~${n}`, finding };
  });
}

export function findingRef({ key, finding }: KeyedFinding): FindingRef {
  return { key, findingId: finding.id, analysis: finding.analysis, category: finding.category, severity: finding.severity, title: finding.title };
}

/** The key of the first finding with this id (detection bands and markers name findings by id). */
export function keyOfId(keyed: readonly KeyedFinding[], id: string | undefined): string | undefined {
  return id === undefined ? undefined : keyed.find((k) => k.finding.id === id)?.key;
}
