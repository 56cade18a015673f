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

/** Id → key of the first finding with that id (detection bands and markers name findings by id). */
export function keysById(keyed: readonly KeyedFinding[]): (id: string | undefined) => string | undefined {
  const map = new Map<string, string>();
  for (const k of keyed) if (!map.has(k.finding.id)) map.set(k.finding.id, k.key);
  return (id) => (id === undefined ? undefined : map.get(id));
}
