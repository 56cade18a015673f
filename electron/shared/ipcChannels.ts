/**
 * The IPC channel names shared by the preload and the main process. One channel per named
 * operation of `AftermathApi`: the preload never forwards a channel name chosen by the page.
 */
export const INVOKE = {
  initialFiles: 'aftermath:initial-files',
  chooseFiles: 'aftermath:choose-files',
  addDroppedFiles: 'aftermath:add-dropped-files',
  startAnalysis: 'aftermath:start-analysis',
  cancelAnalysis: 'aftermath:cancel-analysis',
  exportReport: 'aftermath:export-report',
  queryCase: 'aftermath:query-case',
  exploreHeap: 'aftermath:explore-heap',
  releaseCase: 'aftermath:release-case',
  reportEdits: 'aftermath:report-edits',
} as const;

/** Main → renderer pushes. */
export const PUSH = {
  jobEvent: 'aftermath:job-event',
  /** Files opened outside the page: File › Open…, or a second launch with files on its command line. */
  filesOpened: 'aftermath:files-opened',
  /** Main wrote a case file with the window's edits (the menu's export): they are saved now. */
  editsSaved: 'aftermath:edits-saved',
} as const;

export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];

/** What the preload sends for each dropped `File`: its name and the path Electron resolved for it. */
export interface DroppedFile {
  name: string;
  path: string;
}
