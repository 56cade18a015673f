import type { Progress } from '../../core/progress';
import type { CaseOptions } from '../../ingest/caseOptions';
import type { CaseResult } from '../../case/caseResult';
import type { CaseQueryResult } from '../../case/queryRows';
import type { ExportSpec } from '../../report/exportFormats';
import type { ReportEdits } from '../../case/reportEdits';
import type { HeapAnswer, HeapQuery } from '../../heap/viewExplorer';

/**
 * The contract between the React UI and whatever hosts it: the Electron preload (desktop) or the
 * HTTP shim (browser mode, `aftermath serve`). The UI sees file *references*, never paths it could
 * forge: the host decides which files may be read.
 */
export interface FileRef {
  id: string;
  name: string;
  sizeBytes: number;
}

export type JobId = string;

/** How far the upload of dropped files to `aftermath serve` is, over all of them. */
export interface UploadProgress {
  /** The file being sent now. */
  file: string;
  sentBytes: number;
  totalBytes: number;
}

export type JobEvent =
  | { type: 'progress'; jobId: JobId; progress: Progress }
  | { type: 'result'; jobId: JobId; result: CaseResult }
  | { type: 'error'; jobId: JobId; message: string }
  | { type: 'cancelled'; jobId: JobId };

/** An export of a finished job's case. */
export interface ExportRequest extends ExportSpec {
  jobId: JobId;
}

export type ExportOutcome = { status: 'saved'; name: string } | { status: 'cancelled' } | { status: 'error'; message: string };

export interface AftermathApi {
  /** `desktop` or `browser`: the UI adapts a few labels (Save vs Download). */
  readonly host: 'desktop' | 'browser';
  /** Files given on the command line when the app or server started. */
  initialFiles(): Promise<FileRef[]>;
  /** Desktop: the native multi-select open dialog. Browser: not offered (the UI uses an <input type=file>). */
  chooseFiles(): Promise<FileRef[]>;
  /**
   * Files dropped on the window or picked with <input type=file>. The browser uploads them to
   * `aftermath serve` and reports the bytes sent; the desktop only resolves their paths.
   */
  addDroppedFiles(files: File[], onUpload?: (progress: UploadProgress) => void): Promise<FileRef[]>;
  /**
   * Analyzes the case's files. With `baselineFileIds` (files the user marked as the baseline: evidence
   * of the build before, or a saved case) those are analyzed apart and the case is compared with them
   * as `aftermath gate` does: the result's `views.regression`.
   */
  startAnalysis(fileIds: string[], options?: CaseOptions, baselineFileIds?: string[]): Promise<JobId>;
  cancelAnalysis(jobId: JobId): Promise<void>;
  onJobEvent(listener: (event: JobEvent) => void): () => void;
  /** Desktop: files opened from the application menu or by a second launch, not from the page. */
  onFilesOpened?(listener: (files: FileRef[]) => void): () => void;
  exportReport(request: ExportRequest): Promise<ExportOutcome>;
  /**
   * Desktop: the page's current report edits and whether a case file holds them yet. Main exports
   * them from the menu and asks before a window with unsaved edits closes.
   */
  reportEditsChanged?(edits: ReportEdits, unsaved: boolean): void;
  /** Desktop: main wrote a case file with these edits (File › Export report › Aftermath case). */
  onEditsSaved?(listener: (edits: ReportEdits) => void): () => void;
  /**
   * One read-only SQL statement over the case tables of a finished job (docs/case.md): the SQL
   * console. A refused or failing query is answered with `status: 'error'` and SQLite's message.
   */
  queryCase(jobId: JobId, sql: string): Promise<CaseQueryResult>;
  /**
   * The live heap explorer: one question about the snapshots of a finished job, answered by the
   * analysis process from the graphs it keeps loaded for the latest case (a failure is `kind: 'error'`).
   */
  exploreHeap(jobId: JobId, query: HeapQuery): Promise<HeapAnswer>;
  /** The case of this job was closed (every file removed): the analysis process lets its graphs go. */
  releaseCase(jobId: JobId): Promise<void>;
}
