import { severityRank, type Finding } from '../../../analyzers/core/finding';

/** Findings in one line each, most severe first, above a capability's own view (the Findings tab has their full text). */
export function FindingLines({ findings, label }: { findings: readonly Finding[]; label: string }) {
  if (findings.length === 0) return null;
  const sorted = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return (
    <ul className="finding-lines" aria-label={label}>
      {sorted.map((f) => (
        <li key={f.id} title={f.suggestedFix}>
          <span className={`badge sev-${f.severity}`}>{f.severity}</span> {f.title}
        </li>
      ))}
    </ul>
  );
}
