import type { CaseResult } from '../../../analyzers/case/caseResult';
import { formatBytes } from '../format';

/**
 * What was read, what could not be, and what is incomplete: never hide a partial result. Failures
 * and incomplete inputs are always in view; the list of good inputs folds away once the case is
 * larger than a few files, so the results stay on screen.
 */
export function InputsPanel({ result }: { result: CaseResult }) {
  const incomplete = result.inputs.filter((i) => !i.complete);
  const notices = result.inputs.reduce((n, i) => n + i.notices.length, 0);
  return (
    <section className="inputs" aria-label="Inputs">
      {result.failures.map((f) => (
        <div key={f.file} className="error" role="alert">
          {f.message}
        </div>
      ))}
      {incomplete.map((i) => (
        <div key={i.file} className="error">
          {i.file} was read only in part: the results from it are incomplete.
        </div>
      ))}
      <details open={result.inputs.length <= 3}>
        <summary>
          {result.inputs.length} file{result.inputs.length === 1 ? '' : 's'} analyzed
          {notices > 0 && <span className="muted"> · {notices} note{notices === 1 ? '' : 's'} about the input</span>}
        </summary>
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
      </details>
    </section>
  );
}
