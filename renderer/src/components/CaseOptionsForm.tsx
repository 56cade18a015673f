import { useState, type FormEvent } from 'react';
import { byteSizeText, parseByteSize, parseCaseOptions, type AlertThresholds, type CaseOptions, DEFAULT_ALERT_THRESHOLDS } from '../../../analyzers/ingest/caseOptions';

/** The timeline's breach rule pages at these; the placeholders are its defaults. */
const THRESHOLD_FIELDS: [keyof AlertThresholds, string, string][] = [
  ['cpuPercent', 'CPU %', String(DEFAULT_ALERT_THRESHOLDS.cpuPercent)],
  ['memoryPercentOfLimit', 'Memory % of limit', String(DEFAULT_ALERT_THRESHOLDS.memoryPercentOfLimit)],
  ['p99Ms', 'P99 ms', String(DEFAULT_ALERT_THRESHOLDS.p99Ms)],
  ['errorRatePercent', 'Error rate %', String(DEFAULT_ALERT_THRESHOLDS.errorRatePercent)],
  ['loadP99Ms', 'Load step P99 limit, ms', String(DEFAULT_ALERT_THRESHOLDS.loadP99Ms)],
  ['loadErrorPercent', 'Load step errors limit %', String(DEFAULT_ALERT_THRESHOLDS.loadErrorPercent)],
];

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
  const [limit, setLimit] = useState(options.memoryLimitBytes === undefined ? '' : byteSizeText(options.memoryLimitBytes));
  const [thresholds, setThresholds] = useState<Record<keyof AlertThresholds, string>>(() => {
    const t = options.thresholds ?? {};
    const text = (v: number | undefined) => (v === undefined ? '' : String(v));
    return {
      cpuPercent: text(t.cpuPercent),
      memoryPercentOfLimit: text(t.memoryPercentOfLimit),
      p99Ms: text(t.p99Ms),
      errorRatePercent: text(t.errorRatePercent),
      loadP99Ms: text(t.loadP99Ms),
      loadErrorPercent: text(t.loadErrorPercent),
    };
  });
  const [sourceMaps, setSourceMaps] = useState((options.sourceMaps ?? []).join('\n'));
  const [error, setError] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bytes = limit.trim() === '' ? undefined : parseByteSize(limit);
    if (limit.trim() !== '' && bytes === undefined) return setError(`Memory limit: use a size like 8G or 512M (got '${limit}')`);
    const given = Object.entries(thresholds).filter(([, v]) => v.trim() !== '');
    const parsed = parseCaseOptions({
      anchorDate: anchorDate || undefined,
      memoryLimitBytes: bytes,
      thresholds: given.length ? Object.fromEntries(given.map(([k, v]) => [k, Number(v)])) : undefined,
      sourceMaps: sourceMapPaths(sourceMaps),
    });
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
        <fieldset>
          <legend>Alert thresholds</legend>
          {THRESHOLD_FIELDS.map(([key, label, fallback]) => (
            <label key={key}>
              {label}{' '}
              <input type="number" min="0" step="any" placeholder={fallback} size={6} value={thresholds[key]} onChange={(e) => setThresholds({ ...thresholds, [key]: e.target.value })} />
            </label>
          ))}
        </fieldset>
        <label>
          Source maps (a .map file or a folder of them per line){' '}
          <textarea rows={2} cols={48} placeholder="/path/to/build/js" value={sourceMaps} onChange={(e) => setSourceMaps(e.target.value)} />
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

function sourceMapPaths(text: string): string[] | undefined {
  const paths = text.split('\n').map((p) => p.trim()).filter(Boolean);
  return paths.length ? paths : undefined;
}
