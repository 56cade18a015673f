import type { BrowserWindow } from 'electron';
import { askToDiscard } from './askToDiscard';
import type { WindowEdits } from './windowEdits';

/** What the guard needs of a window (a BrowserWindow; a fake in tests). */
export type GuardedWindow = Pick<BrowserWindow, 'on' | 'close'> & { webContents: Pick<BrowserWindow['webContents'], 'id'> };

/**
 * Closing a window whose report has unsaved edits asks first: discard them and close, or stay.
 * Asked here, in main's `close` handler, which Electron runs before the page's `beforeunload`: the
 * page's veto that follows a confirmed close finds the choice in `edits` (see unloadGuard.ts).
 */
export function guardUnsavedClose(win: GuardedWindow, edits: Pick<WindowEdits, 'unsaved' | 'discard'>): void {
  const owner = win.webContents.id;
  let asking = false;
  win.on('close', (event) => {
    if (!edits.unsaved(owner)) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void askToDiscard(win as BrowserWindow, 'close').then(
      (discard) => {
        asking = false;
        if (!discard) return;
        edits.discard(owner);
        win.close();
      },
      () => {
        asking = false;
      },
    );
  });
}
