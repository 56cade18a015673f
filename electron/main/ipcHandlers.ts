import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ExportOutcome, ExportRequest, FileRef, JobId } from '../../analyzers/app/api/appApi';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { INVOKE, type InvokeChannel } from '../shared/ipcChannels';
import type { TrustedOrigin } from './appOrigin';
import type { FileRegistry } from '../../analyzers/app/node/fileRegistry';
import { checkSender } from './senderCheck';
import { IpcArgumentError, parseDroppedFiles, parseEdits, parseExport, parseFileIds, parseJobId, parseOptions, parseQuery, parseSql } from './validate';
import type { WindowJobs } from './windowJobs';
import type { WindowEdits } from './windowEdits';
import type { CaseQueryResult } from '../../analyzers/case/queryRows';
import type { HeapAnswer, HeapQuery } from '../../analyzers/heap/viewExplorer';

export interface IpcDeps {
  trusted: readonly TrustedOrigin[];
  files: FileRegistry;
  jobs: WindowJobs;
  edits: WindowEdits;
  /** Files from the command line, granted at start. */
  initialFiles(): FileRef[];
  /** The native open dialog for the window of `sender`; paths the user picked. */
  chooseFiles(sender: WebContents): Promise<string[]>;
  exportCase(sender: WebContents, result: CaseResult, request: ExportRequest): Promise<ExportOutcome>;
  /** Runs a read-only SQL query over a finished case outside main (sql.js cannot be interrupted). */
  queryCase(jobId: string, result: CaseResult, sql: string): Promise<CaseQueryResult>;
  /** A heap explorer query, answered by the analysis process that keeps the job's snapshots loaded. */
  exploreHeap(jobId: string, query: HeapQuery): Promise<HeapAnswer>;
}

/** A sender that is not the app's own page: refused before its arguments are even looked at. */
export class IpcSenderError extends Error {
  override readonly name = 'IpcSenderError';
}

/**
 * One handler per named operation of the preload's API. Each checks the sending frame, then
 * validates every argument (ids must be ones main handed out, to this window for jobs), then acts.
 */
export function registerIpcHandlers(ipcMain: IpcMain, deps: IpcDeps): void {
  const handle = <T>(channel: InvokeChannel, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<T> | T) => {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const sender = checkSender(event, deps.trusted);
      if (!sender.ok) throw new IpcSenderError(`${channel} refused: ${sender.reason}`);
      return handler(event, ...args);
    });
  };

  handle(INVOKE.initialFiles, () => deps.initialFiles());

  handle(INVOKE.chooseFiles, async (event) => {
    const paths = await deps.chooseFiles(event.sender);
    return Promise.all(paths.map((p) => deps.files.grant(p)));
  });

  handle(INVOKE.addDroppedFiles, (_event, dropped) => Promise.all(parseDroppedFiles(dropped).map((f) => deps.files.grant(f.path, f.name))));

  handle(INVOKE.startAnalysis, (event, fileIds, options, baselineFileIds) => {
    const ids = parseFileIds(fileIds, (id) => deps.files.has(id));
    const parsedOptions = parseOptions(options);
    const baseline = baselineFileIds === undefined ? [] : parseFileIds(baselineFileIds, (id) => deps.files.has(id));
    const pathsOf = (list: string[]) => list.map((id) => deps.files.pathOf(id) as string);
    return deps.jobs.start(event.sender.id, pathsOf(ids), parsedOptions, baseline.length ? pathsOf(baseline) : undefined);
  });

  handle(INVOKE.cancelAnalysis, (event, jobId) => {
    if (!deps.jobs.cancel(event.sender.id, parseJobId(jobId))) throw new IpcArgumentError(`unknown job ${String(jobId)}`);
  });

  const finished = (event: IpcMainInvokeEvent, id: JobId): CaseResult => {
    const result = deps.jobs.result(event.sender.id, id);
    if (!result) throw new IpcArgumentError(`no finished analysis ${id} in this window`);
    return result;
  };

  handle(INVOKE.exportReport, (event, request) => {
    const parsed = parseExport(request);
    return deps.exportCase(event.sender, finished(event, parsed.jobId), parsed);
  });

  handle(INVOKE.reportEdits, (event, edits, unsaved) => {
    if (typeof unsaved !== 'boolean') throw new IpcArgumentError('unsaved must be true or false');
    deps.edits.set(event.sender.id, parseEdits(edits), unsaved);
  });

  handle(INVOKE.queryCase, (event, jobId, sql) => {
    const id = parseJobId(jobId);
    const text = parseSql(sql);
    return deps.queryCase(id, finished(event, id), text);
  });

  handle(INVOKE.exploreHeap, (event, jobId, query) => {
    const id = parseJobId(jobId);
    finished(event, id);
    return deps.exploreHeap(id, parseQuery(query));
  });

  handle(INVOKE.releaseCase, (event, jobId) => {
    const id = parseJobId(jobId);
    if (!deps.jobs.release(event.sender.id, id)) throw new IpcArgumentError(`unknown job ${id}`);
  });
}
