import { useCallback, useState, type DragEvent } from 'react';
import type { AftermathApi, ExportRequest } from '../../analyzers/app/api/appApi';
import type { ExportFormat } from '../../analyzers/report/exportFormats';
import { Banner } from './components/Banner';
import { CaseOptionsForm } from './components/CaseOptionsForm';
import { FileBar } from './components/FileBar';
import { InputsPanel } from './components/InputsPanel';
import { ProgressPanel } from './components/ProgressPanel';
import { ResultTabs } from './ResultTabs';
import { useCaseSession } from './useCaseSession';
import { useReportEdits } from './useReportEdits';
import { INITIAL_FINDINGS_VIEW } from './views/findings/FindingsView';
import { INITIAL_SQL } from './views/sql/SqlConsole';

export function App({ api }: { api: AftermathApi }) {
  const session = useCaseSession(api);
  const { upload } = session;
  // While the case is analyzed again (an option applied, a file added) the last result stays on screen,
  // dimmed and out of reach, under the progress bar: what the user was reading does not vanish for the wait.
  const busy = session.state.status === 'running' || session.state.status === 'uploading';
  const shown = session.state.status === 'done' ? session.state : busy ? session.lastDone : undefined;
  const result = shown?.result;
  const editing = useReportEdits(api, result?.reportEdits);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [activeTab, setActiveTab] = useState('report');
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [failureClosed, setFailureClosed] = useState<string>();
  const [findingsView, setFindingsView] = useState(INITIAL_FINDINGS_VIEW);
  const [sql, setSql] = useState(INITIAL_SQL);

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      upload(Array.from(e.dataTransfer.files));
    },
    [upload],
  );

  const exportAs = useCallback(
    (format: ExportFormat, content: ExportRequest['content']) => {
      if (session.state.status !== 'done') return;
      // A rejected export (the host gone, the job no longer in the window) is told like a failed one.
      api.exportReport({ jobId: session.state.jobId, format, content, edits: editing.edits }).then(
        (outcome) =>
          setNotice(
            outcome.status === 'saved' ? { kind: 'ok', text: `Saved ${outcome.name}` } : outcome.status === 'error' ? { kind: 'error', text: `Export failed: ${outcome.message}` } : undefined,
          ),
        (e: unknown) => setNotice({ kind: 'error', text: `Export failed: ${e instanceof Error ? e.message : String(e)}` }),
      );
    },
    [api, session.state, editing.edits],
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
        <FileBar
          api={api}
          files={session.files}
          onFiles={session.addFiles}
          onUpload={session.upload}
          onError={session.fail}
          baseline={session.baseline}
          onToggleBaseline={session.toggleBaseline}
          onRemove={session.removeFile}
        />
        <CaseOptionsForm options={session.options} onApply={session.setOptions} />
      </header>
      <main>
        {session.state.status === 'idle' && session.files.length === 0 && (
          <div className="empty">
            <p>Open the evidence of an incident — heap snapshots, leak reports, allocation logs, perf lock captures, metrics and events — or drop the files here.</p>
          </div>
        )}
        {/* One step, one bar: the upload is the start of the analysis of what it brings. */}
        {session.state.status === 'uploading' && <ProgressPanel title="Analyzing" progress={session.state.progress} />}
        {session.state.status === 'running' && <ProgressPanel title="Analyzing" progress={session.state.progress} onCancel={session.cancel} />}
        {session.state.status === 'failed' && failureClosed !== session.state.message && (
          <Banner kind="error" onDismiss={() => setFailureClosed(session.state.status === 'failed' ? session.state.message : undefined)}>
            {session.state.message}
          </Banner>
        )}
        {session.state.status === 'cancelled' && <Banner kind="notice">Analysis cancelled.</Banner>}
        {notice && (
          <Banner kind={notice.kind === 'error' ? 'error' : 'notice'} onDismiss={() => setNotice(undefined)}>
            {notice.text}
          </Banner>
        )}
        {shown && result && (
          <div className={busy ? 'result stale' : 'result'} inert={busy} aria-busy={busy || undefined}>
            <InputsPanel
              result={result}
              files={session.files}
              dismissed={dismissed}
              onDismiss={(key) => setDismissed((d) => new Set([...d, key]))}
              onRemove={session.removeFile}
            />
            {result.inputs.length > 0 && (
              <ResultTabs result={result} api={api} jobId={shown.jobId} onExport={exportAs} editing={editing} activeTab={activeTab} onTab={setActiveTab} findingsView={findingsView} onFindingsView={setFindingsView} sql={sql} onSql={setSql} />
            )}
          </div>
        )}
      </main>
    </div>
  );
}
