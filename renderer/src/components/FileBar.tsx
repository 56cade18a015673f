import { useRef } from 'react';
import type { AftermathApi, FileRef } from '../../../analyzers/app/api/appApi';
import { formatBytes } from '../format';

interface Props {
  api: AftermathApi;
  files: FileRef[];
  onFiles: (files: FileRef[]) => void;
  /** Files picked in the browser's file input: uploaded, then added. */
  onUpload: (files: File[]) => void;
  onError: (message: string) => void;
  /** The files marked as the baseline the case is compared with. */
  baseline: ReadonlySet<string>;
  onToggleBaseline: (fileId: string) => void;
  /** Takes a file out of the case (a wrong one as well as one that failed); what is left is analyzed again. */
  onRemove: (fileId: string) => void;
}

/** Open button (native dialog on the desktop, a file input in the browser) and the case's files. */
export function FileBar({ api, files, onFiles, onUpload, onError, baseline, onToggleBaseline, onRemove }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const report = (e: unknown) => onError(e instanceof Error ? e.message : String(e));
  const open = () => {
    if (api.host === 'desktop') api.chooseFiles().then(onFiles, report);
    else input.current?.click();
  };
  return (
    <div className="filebar">
      <button onClick={open}>Open…</button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Choose files"
        onChange={(e) => {
          const chosen = Array.from(e.target.files ?? []);
          e.target.value = '';
          onUpload(chosen);
        }}
      />
      <ul className="files" aria-label="Files in this case">
        {files.map((f) => (
          <li key={f.id} title={f.name} className={baseline.has(f.id) ? 'baseline-file' : undefined}>
            {f.name} <span className="muted">{formatBytes(f.sizeBytes)}</span>{' '}
            <label className="baseline-toggle" title="Evidence of the build before (or a saved case): the case is compared with it in the Before/after tab">
              <input type="checkbox" checked={baseline.has(f.id)} onChange={() => onToggleBaseline(f.id)} aria-label={`${f.name} is baseline`} />
              baseline
            </label>
            <button type="button" className="remove-file" onClick={() => onRemove(f.id)} aria-label={`Remove ${f.name} from the case`} title="Remove from the case">
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
