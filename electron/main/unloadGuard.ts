import type { BrowserWindow } from 'electron';
import { askToDiscardNow } from './askToDiscard';
import type { WindowEdits } from './windowEdits';
import type { OwnerId } from './windowJobs';

/** What the guard needs of a window (a BrowserWindow; a fake in tests). */
export type UnloadingWindow = { webContents: Pick<BrowserWindow['webContents'], 'id' | 'on'> };

/**
 * Any unload of a page with unsaved edits (a reload from DevTools or the page itself, a close main
 * did not know to guard): the page vetoes it in `beforeunload`, and Electron then only emits
 * 'will-prevent-unload', where main must answer synchronously. A close or menu reload the user
 * already agreed to goes through without asking again. What main kept for the page goes with it.
 */
export function guardUnsavedUnload(win: UnloadingWindow, edits: Pick<WindowEdits, 'takeDiscard'>, forget: (owner: OwnerId) => void): void {
  const owner = win.webContents.id;
  win.webContents.on('will-prevent-unload', (event) => {
    if (!edits.takeDiscard(owner) && !askToDiscardNow(win as BrowserWindow, 'leave')) return;
    forget(owner);
    // Electron's way of overriding the page's veto.
    event.preventDefault();
  });
}
