import type { BrowserWindow } from 'electron';
import { askToDiscard } from './askToDiscard';

/** What the guard needs of a window (a BrowserWindow; a fake in tests). */
export type GuardedWindow = Pick<BrowserWindow, 'on' | 'close'>;

/**
 * Closing a window whose report has unsaved edits asks first: discard them and close, or stay.
 * Asked here, in main's `close` handler, not with the page's `beforeunload`: in Electron a
 * `beforeunload` veto cancels the close without showing anything.
 */
export function guardUnsavedClose(win: GuardedWindow, hasUnsavedEdits: () => boolean): void {
  let discardConfirmed = false;
  let asking = false;
  win.on('close', (event) => {
    if (discardConfirmed || !hasUnsavedEdits()) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void askToDiscard(win as BrowserWindow, 'close').then(
      (discard) => {
        asking = false;
        if (!discard) return;
        discardConfirmed = true;
        win.close();
      },
      () => {
        asking = false;
      },
    );
  });
}
