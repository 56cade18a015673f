import type { MenuItemConstructorOptions } from 'electron';
import { EXPORT_FORMATS, type ExportFormat, FORMAT_LABELS } from '../../analyzers/report/exportFormats';

export interface MenuActions {
  open(): void;
  exportReport(format: ExportFormat): void;
  /** Not the 'reload' role: that would drop the report's unsaved edits without asking. */
  reload(): void;
  about(): void;
}

/**
 * File (Open…, Export report ▸ format, Quit), View, Help. Pure: the template is data, so a test can
 * check it without a menu bar. Developer tools only outside a packaged app.
 */
export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform, isPackaged: boolean): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      {
        label: 'Export report',
        submenu: EXPORT_FORMATS.map((format) => ({
          label: `${FORMAT_LABELS[format]}…`,
          accelerator: format === 'md' ? 'CmdOrCtrl+E' : undefined,
          click: () => actions.exportReport(format),
        })),
      },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Reload', accelerator: 'CmdOrCtrl+R', click: () => actions.reload() },
      ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ label: 'About Aftermath', click: () => actions.about() }] };
  return [...(isMac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, help];
}
