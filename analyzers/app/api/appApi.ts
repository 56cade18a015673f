import type { Progress } from '../../core/progress';
import type { CaseOptions } from '../../ingest/caseOptions';
import type { CaseResult } from '../../case/caseResult';
import type { CaseQueryResult } from '../../case/queryRows';
import type { ReportEdits } from '../../case/reportEdits';

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

export type JobEvent =
  | { type: 'progress'; jobId: JobId; progress: Progress }
  | { type: 'result'; jobId: JobId; result: CaseResult }
  | { type: 'error'; jobId: JobId; message: string }
  | { type: 'cancelled'; jobId: JobId };

/** Report formats, and `case`: the whole analysis with the edits as a sql.js case file that reopens. */
export const EXPORT_FORMATS = ['md', 'html', 'json', 'pdf', 'case'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How menus, buttons and save dialogs name each export format, and the file extension it gets. */
export const FORMAT_LABELS: Record<ExportFormat, string> = { md: 'Markdown', html: 'HTML', json: 'JSON', pdf: 'PDF', case: 'Aftermath case' };
export const FORMAT_EXTENSIONS: Record<ExportFormat, string> = { md: 'md', html: 'html', json: 'json', pdf: 'pdf', case: 'aftermath' };

export interface ExportRequest {
  jobId: JobId;
  format: ExportFormat;
  /** What to export: the heap summary by constructor alone, or the full RCA report. */
  content: 'heap-summary' | 'report';
  edits?: ReportEdits;
}

export type ExportOutcome = { status: 'saved'; name: string } | { status: 'cancelled' } | { status: 'error'; message: string };

export interface AftermathApi {
  /** `desktop` or `browser`: the UI adapts a few labels (Save vs Download). */
  readonly host: 'desktop' | 'browser';
  /** Files given on the command line when the app or server started. */
  initialFiles(): Promise<FileRef[]>;
  /** Desktop: the native multi-select open dialog. Browser: not offered (the UI uses an <input type=file>). */
  chooseFiles(): Promise<FileRef[]>;
  /** Files dropped on the window or picked with <input type=file>. */
  addDroppedFiles(files: File[]): Promise<FileRef[]>;
  startAnalysis(fileIds: string[], options?: CaseOptions): Promise<JobId>;
  cancelAnalysis(jobId: JobId): Promise<void>;
  onJobEvent(listener: (event: JobEvent) => void): () => void;
  /** Desktop: files opened from the application menu or by a second launch, not from the page. */
  onFilesOpened?(listener: (files: FileRef[]) => void): () => void;
  exportReport(request: ExportRequest): Promise<ExportOutcome>;
  /**
   * One read-only SQL statement over the case tables of a finished job (docs/case.md): the SQL
   * console. A refused or failing query is answered with `status: 'error'` and SQLite's message.
   */
  queryCase(jobId: JobId, sql: string): Promise<CaseQueryResult>;
}
