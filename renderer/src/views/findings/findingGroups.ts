import { severityRank, type Finding, type Severity } from '../../../../analyzers/core/finding';
import { capabilityOf } from '../../../../analyzers/report/analysisIds';
import { labelOf, type RcaReport } from '../../../../analyzers/report/reportModel';

export type GroupBy = 'problem' | 'category' | 'capability' | 'none';

export interface FindingFilter {
  /** Severities shown; all when empty. */
  severities: ReadonlySet<Severity>;
  /** `heap`, `alloc`, `locks`, `timeline` (the part of `analysis` before the dot); all when undefined. */
  capability?: string;
  /** An input file the finding was derived from; all when undefined. */
  source?: string;
  /** Words that must all appear in the title, detail, evidence, fix or sources (any case). */
  query: string;
}

export interface FindingGroup {
  key: string;
  label: string;
  /** For a root cause: what the chain means. */
  note?: string;
  findings: Finding[];
}

/** The capability a finding came from, by its declared analysis id (report/analysisIds). */
export const capabilityOfFinding = (f: Finding): string => capabilityOf(f) ?? 'other';

const bySeverity = (a: Finding, b: Finding) => severityRank(b.severity) - severityRank(a.severity);

function searchText(f: Finding): string {
  return [f.title, f.detail, f.suggestedFix, f.analysis, ...f.sources, ...f.evidence.map((e) => `${e.label} ${String(e.value)}`)].join('\n').toLowerCase();
}

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return findings.filter(
    (f) =>
      (filter.severities.size === 0 || filter.severities.has(f.severity)) &&
      (filter.capability === undefined || capabilityOfFinding(f) === filter.capability) &&
      (filter.source === undefined || f.sources.includes(filter.source)) &&
      (words.length === 0 || words.every((w) => searchText(f).includes(w))),
  );
}

/** The parts of the case's RCA report (buildReport) that say which findings make one problem. */
export type ReportChains = Pick<RcaReport, 'rootCauses' | 'appendix'>;

/**
 * Groups findings as the report reasons about them. By problem: one group per root cause of the RCA
 * report (its chain, analyzers/report/rootCauseChains.ts) — the cause's finding first, then its
 * evidence — and the findings no chain claims grouped by category. The chains come from every
 * finding of the case, so filtering never changes which problem a finding belongs to.
 */
export function groupFindings(all: readonly Finding[], shown: readonly Finding[], by: GroupBy, report: ReportChains): FindingGroup[] {
  const visible = new Set(shown);
  if (by === 'none') return shown.length ? [{ key: 'all', label: 'All findings', findings: [...shown].sort(bySeverity) }] : [];
  const groups: FindingGroup[] = [];
  const claimed = new Set<Finding>();
  if (by === 'problem') {
    // The report keys findings in the case's order (appendix.findings[i] is all[i]).
    const byKey = new Map(report.appendix.findings.map((ref, i) => [ref.key, all[i]]));
    for (const cause of report.rootCauses) {
      const members = cause.evidence.flatMap((ref) => byKey.get(ref.key) ?? []).filter((f) => !claimed.has(f));
      members.forEach((f) => claimed.add(f));
      const findings = members.filter((f) => visible.has(f));
      if (findings.length > 0) groups.push({ key: `cause-${cause.finding.key}`, label: `${cause.label}: ${cause.finding.title}`, note: cause.statement, findings });
    }
  }
  const rest = new Map<string, Finding[]>();
  for (const f of [...shown].sort(bySeverity)) {
    if (claimed.has(f)) continue;
    const key = by === 'capability' ? capabilityOfFinding(f) : labelOf(f.category);
    rest.set(key, [...(rest.get(key) ?? []), f]);
  }
  const restGroups = [...rest].map(([label, findings]) => ({ key: `${by}-${label}`, label, findings }));
  restGroups.sort((a, b) => severityRank(b.findings[0].severity) - severityRank(a.findings[0].severity) || b.findings.length - a.findings.length);
  return [...groups, ...restGroups];
}
