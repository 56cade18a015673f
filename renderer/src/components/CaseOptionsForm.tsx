import { useState, type FormEvent } from 'react';
import { parseByteSize, parseCaseOptions, type CaseOptions } from '../../../analyzers/ingest/caseOptions';
import { formatBytes } from '../format';

interface Props {
  options: CaseOptions;
  onApply: (options: CaseOptions) => void;
}

/**
 * What the files cannot say: the day a chat timeline's times belong to and the memory limit an OOM
 * projection aims at. Applying re-analyzes the case; the same validation runs again in the host.
 */
export function CaseOptionsForm({ options, onApply }: Props) {
  const [anchorDate, setAnchorDate] = useState(options.anchorDate ?? '');
  const [limit, setLimit] = useState(options.memoryLimitBytes === undefined ? '' : formatBytes(options.memoryLimitBytes).replace(/\s|B$/g, ''));
  const [error, setError] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bytes = limit.trim() === '' ? undefined : parseByteSize(limit);
    if (limit.trim() !== '' && bytes === undefined) return setError(`Memory limit: use a size like 8G or 512M (got '${limit}')`);
    const parsed = parseCaseOptions({ anchorDate: anchorDate || undefined, memoryLimitBytes: bytes });
    if ('error' in parsed) return setError(parsed.error);
    setError(undefined);
    onApply(parsed.options);
  };

  return (
    <details className="case-options">
      <summary>Analysis options</summary>
      <form onSubmit={submit}>
        <label>
          Timeline date <input type="date" value={anchorDate} onChange={(e) => setAnchorDate(e.target.value)} />
        </label>
        <label>
          Memory limit <input type="text" placeholder="e.g. 8G" value={limit} size={8} onChange={(e) => setLimit(e.target.value)} />
        </label>
        <button type="submit">Apply and re-analyze</button>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </form>
    </details>
  );
}
