// Runs sandboxed, before the page, in an isolated world: it may require only `electron`. The page
// gets `window.aftermath` — named operations only, no generic invoke, no IpcRendererEvent.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ExportOutcome, FileRef, JobEvent, JobId } from '../../analyzers/app/api/appApi';
import type { ReportEdits } from '../../analyzers/case/reportEdits';
import type { DesktopApi } from '../shared/desktopApi';
import { INVOKE, PUSH, type DroppedFile, type InvokeChannel } from '../shared/ipcChannels';
import type { CaseQueryResult } from '../../analyzers/case/queryRows';
import type { HeapAnswer } from '../../analyzers/heap/viewExplorer';

function invoke<T>(channel: InvokeChannel, ...args: unknown[]): Promise<T> {
  return ipcRenderer.invoke(channel, ...args) as Promise<T>;
}

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

// Files opened from the menu before the page subscribed are held until it does, not dropped.
let pendingOpened: FileRef[] = [];
let openedListeners = 0;
ipcRenderer.on(PUSH.filesOpened, (_event, files: FileRef[]) => {
  if (openedListeners === 0) pendingOpened = [...pendingOpened, ...files];
});

const desktopApi: DesktopApi = {
  host: 'desktop',
  initialFiles: () => invoke<FileRef[]>(INVOKE.initialFiles),
  chooseFiles: () => invoke<FileRef[]>(INVOKE.chooseFiles),
  addDroppedFiles: async (files: File[]) => {
    // The page never sees or sends paths: Electron resolves them here, for Files the user dropped
    // or picked (a File built by script has no path and is refused by main). Async, so that a
    // non-File (getPathForFile throws) becomes a rejected promise like every other failure.
    const dropped: DroppedFile[] = Array.from(files, (file) => ({ name: file.name, path: webUtils.getPathForFile(file) }));
    return invoke<FileRef[]>(INVOKE.addDroppedFiles, dropped);
  },
  startAnalysis: (fileIds, options, baselineFileIds) => invoke<JobId>(INVOKE.startAnalysis, fileIds, options, ...(baselineFileIds ? [baselineFileIds] : [])),
  cancelAnalysis: (jobId) => invoke<void>(INVOKE.cancelAnalysis, jobId),
  onJobEvent: (listener) => subscribe<JobEvent>(PUSH.jobEvent, listener),
  exportReport: (request) => invoke<ExportOutcome>(INVOKE.exportReport, request),
  queryCase: (jobId, sql) => invoke<CaseQueryResult>(INVOKE.queryCase, jobId, sql),
  exploreHeap: (jobId, query) => invoke<HeapAnswer>(INVOKE.exploreHeap, jobId, query),
  releaseCase: (jobId) => invoke<void>(INVOKE.releaseCase, jobId),
  reportEditsChanged: (edits, unsaved) => {
    void invoke<void>(INVOKE.reportEdits, edits, unsaved);
  },
  onEditsSaved: (listener) => subscribe<ReportEdits>(PUSH.editsSaved, listener),
  onFilesOpened: (listener) => {
    openedListeners++;
    const unsubscribe = subscribe<FileRef[]>(PUSH.filesOpened, listener);
    if (pendingOpened.length > 0) {
      const held = pendingOpened;
      pendingOpened = [];
      queueMicrotask(() => listener(held));
    }
    return () => {
      openedListeners--;
      unsubscribe();
    };
  },
};

contextBridge.exposeInMainWorld('aftermath', desktopApi);
