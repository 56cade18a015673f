import type { AftermathApi, FileRef } from '../../analyzers/app/api/appApi';
import type { ReportEdits } from '../../analyzers/case/reportEdits';

/**
 * `window.aftermath` in the desktop app: `AftermathApi` plus one push the browser host has no use
 * for — files opened from the application menu (or a second launch) rather than from the page.
 */
export interface DesktopApi extends AftermathApi {
  readonly host: 'desktop';
  onFilesOpened(listener: (files: FileRef[]) => void): () => void;
  reportEditsChanged(edits: ReportEdits, unsaved: boolean): void;
  onEditsSaved(listener: (edits: ReportEdits) => void): () => void;
}
