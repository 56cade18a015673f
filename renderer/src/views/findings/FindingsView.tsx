import type { Finding } from '../../../../analyzers/core/finding';
import { severityRank } from '../../../../analyzers/core/finding';
import { FindingEvidence } from '../../components/FindingEvidence';

/** Every finding of the case, most severe first, with its evidence and suggested fix. */
export function FindingsView({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <p>No findings.</p>;
  const sorted = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return (
    <ol className="findings" aria-label="Findings">
      {sorted.map((f) => (
        <li key={f.id} className={`finding sev-${f.severity}`}>
          <details>
            <summary>
              <span className="badge">{f.severity}</span> {f.title}
            </summary>
            <FindingEvidence finding={f} />
          </details>
        </li>
      ))}
    </ol>
  );
}
