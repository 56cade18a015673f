import type { CaseResult } from '../../../analyzers/ingest/caseResult';
import { formatBytes } from '../format';

/** What was read, what could not be, and what is incomplete: never hide a partial result. */
export function InputsPanel({ result }: { result: CaseResult }) {
  return (
    <section className="inputs" aria-label="Inputs">
      {result.failures.map((f) => (
        <div key={f.file} className="error" role="alert">
          {f.message}
        </div>
      ))}
      <ul>
        {result.inputs.map((i) => (
          <li key={i.file}>
            <strong>{i.file}</strong> <span className="muted">{i.formatLabel}, {formatBytes(i.sizeBytes)}</span>
            {!i.complete && <span className="badge sev-high"> incomplete</span>}
            {i.notices.map((n, k) => (
              <div key={k} className="muted">
                {n.message}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
