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
}

/** Open button (native dialog on the desktop, a file input in the browser) and the case's files. */
export function FileBar({ api, files, onFiles, onUpload, onError }: Props) {
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
          <li key={f.id} title={f.name}>
            {f.name} <span className="muted">{formatBytes(f.sizeBytes)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
