import { useCallback, useState, type DragEvent } from 'react';
import type { AftermathApi, ExportRequest } from '../../analyzers/app/api/appApi';
import { CaseOptionsForm } from './components/CaseOptionsForm';
import { FileBar } from './components/FileBar';
import { ProgressPanel } from './components/ProgressPanel';
import { ResultTabs } from './ResultTabs';
import { useCaseSession } from './useCaseSession';
import type { ExportFormat } from '../../analyzers/report/exportFormats';

export function App({ api }: { api: AftermathApi }) {
  const session = useCaseSession(api);
  const { addFiles, fail } = session;
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const dropped = Array.from(e.dataTransfer.files);
      api.addDroppedFiles(dropped).then(addFiles, (err: unknown) => fail(err instanceof Error ? err.message : String(err)));
    },
    [api, addFiles, fail],
  );

  const exportAs = useCallback(
    (format: ExportFormat, content: ExportRequest['content'], edits?: ExportRequest['edits']) => {
      if (session.state.status !== 'done') return;
      // A rejected export (the host gone, the job no longer in the window) is told like a failed one.
      api.exportReport({ jobId: session.state.jobId, format, content, edits }).then(
        (outcome) =>
          setNotice(
            outcome.status === 'saved' ? { kind: 'ok', text: `Saved ${outcome.name}` } : outcome.status === 'error' ? { kind: 'error', text: `Export failed: ${outcome.message}` } : undefined,
          ),
        (e: unknown) => setNotice({ kind: 'error', text: `Export failed: ${e instanceof Error ? e.message : String(e)}` }),
      );
    },
    [api, session.state],
  );

  return (
    <div
      className={`app ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header className="topbar">
        <h1>Aftermath</h1>
        <FileBar api={api} files={session.files} onFiles={session.addFiles} onError={session.fail} />
        <CaseOptionsForm options={session.options} onApply={session.setOptions} />
      </header>
      <main>
        {session.state.status === 'idle' && session.files.length === 0 && (
          <div className="empty">
            <p>Open the evidence of an incident — heap snapshots, leak reports, allocation logs, perf lock captures, metrics and events — or drop the files here.</p>
          </div>
        )}
        {session.state.status === 'running' && <ProgressPanel progress={session.state.progress} onCancel={session.cancel} />}
        {session.state.status === 'failed' && (
          <div className="error" role="alert">
            {session.state.message}
          </div>
        )}
        {session.state.status === 'cancelled' && <div className="notice">Analysis cancelled.</div>}
        {notice && (
          <div className={notice.kind === 'error' ? 'error' : 'notice'} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </div>
        )}
        {session.state.status === 'done' && <ResultTabs result={session.state.result} api={api} jobId={session.state.jobId} onExport={exportAs} />}
      </main>
    </div>
  );
}
