import type { FileRef } from '../../../analyzers/app/api/appApi';
import type { CaseResult, InputFailure } from '../../../analyzers/case/caseResult';
import { formatBytes, plural } from '../format';
import { Banner } from './Banner';

interface Props {
  result: CaseResult;
  files: readonly FileRef[];
  /** Failures the user closed, by `failureKey`. */
  dismissed: ReadonlySet<string>;
  onDismiss: (key: string) => void;
  onRemove: (fileId: string) => void;
}

export const failureKey = (f: InputFailure): string => `${f.file}\n${f.message}`;

/**
 * The pipeline's "not a recognised input (none of the N supported formats; …)" — or, in cases saved
 * before, "(expected one of: …every format…)" — is whole for a terminal and a case file; on screen
 * the parenthesis goes behind a disclosure. Any other message is shown whole.
 */
const EXPECTED = / \((?:expected one of: (.*)|(none of the \d+ supported formats).*)\)$/s;
const headline = (message: string): string => message.replace(EXPECTED, '');
const longPart = (message: string): string | undefined => {
  const match = EXPECTED.exec(message);
  if (!match) return undefined;
  return match[1] !== undefined ? `Aftermath reads: ${match[1]}.` : `It matches ${match[2]}; \`aftermath --help\` lists them.`;
};

/**
 * What was read, what could not be, and what is incomplete: never hide a partial result. A failure
 * says what is wrong in one line (the long part behind a disclosure), can be closed, and its file
 * can be taken out of the case. The list of good inputs folds away once the case is larger than a
 * few files, so the results stay on screen.
 */
export function InputsPanel({ result, files, dismissed, onDismiss, onRemove }: Props) {
  const incomplete = result.inputs.filter((i) => !i.complete);
  const notices = result.inputs.reduce((n, i) => n + i.notices.length, 0);
  const failures = result.failures.filter((f) => !dismissed.has(failureKey(f)));
  return (
    <section className="inputs" aria-label="Inputs">
      {failures.map((f) => {
        const ref = files.find((r) => r.name === f.file);
        return (
          <Banner
            key={failureKey(f)}
            kind="error"
            onDismiss={() => onDismiss(failureKey(f))}
            actions={
              ref && (
                <button type="button" onClick={() => onRemove(ref.id)}>
                  Remove from case
                </button>
              )
            }
          >
            {headline(f.message)}
            {longPart(f.message) && (
              <details className="banner-details">
                <summary>Details</summary>
                {longPart(f.message)}
              </details>
            )}
          </Banner>
        );
      })}
      {incomplete.map((i) => (
        <Banner key={i.file} kind="error">
          {i.file} was read only in part: the results from it are incomplete.
        </Banner>
      ))}
      {result.inputs.length === 0 ? (
        <p className="muted">{result.failures.length > 0 ? 'No file of this case could be analyzed.' : 'This case has no files.'}</p>
      ) : (
        <details open={result.inputs.length <= 3}>
          <summary>
            {plural(result.inputs.length, 'file')} analyzed
            {notices > 0 && <span className="muted"> · {plural(notices, 'note')} about the input</span>}
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
      )}
    </section>
  );
}
