import type { Finding } from '../../../../analyzers/core/finding';
import { severityRank } from '../../../../analyzers/core/finding';

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
            <p>{f.detail}</p>
            {f.evidence.length > 0 && (
              <dl className="evidence">
                {f.evidence.map((e, i) => (
                  <div key={i}>
                    <dt>{e.label}</dt>
                    <dd>
                      {typeof e.value === 'number' ? e.value.toLocaleString('en-US') : e.value}
                      {e.unit && e.unit !== 'count' ? ` ${e.unit}` : ''}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            {f.paths.map((p, i) => (
              <div key={i} className="path">
                <div className="muted">{p.label}</div>
                <ol>
                  {p.steps.map((s, j) => (
                    <li key={j}>
                      <code>{s}</code>
                    </li>
                  ))}
                </ol>
              </div>
            ))}
            <p>
              <strong>Suggested fix:</strong> {f.suggestedFix}
            </p>
            <p className="muted">Source: {f.sources.join(', ')}</p>
          </details>
        </li>
      ))}
    </ol>
  );
}
