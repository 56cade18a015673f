import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { type ExportFormat, FORMAT_LABELS, FORMAT_EXTENSIONS } from '../../analyzers/report/exportFormats';

/** File › Open…: several files at once (a case is usually a few snapshots, logs and reports). */
export async function chooseEvidenceFiles(win: BrowserWindow | undefined): Promise<string[]> {
  const options: Electron.OpenDialogOptions = { title: 'Open incident evidence', properties: ['openFile', 'multiSelections'] };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? [] : picked.filePaths;
}

export async function chooseSavePath(win: BrowserWindow | undefined, suggestedName: string, format: ExportFormat): Promise<string | undefined> {
  const options: Electron.SaveDialogOptions = {
    title: 'Export report',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: FORMAT_LABELS[format], extensions: [FORMAT_EXTENSIONS[format]] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
  const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? undefined : chosen.filePath;
}
