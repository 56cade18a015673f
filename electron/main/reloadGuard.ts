import type { BrowserWindow } from 'electron';
import { askToDiscard } from './askToDiscard';
import type { OwnerId } from './windowJobs';

/** What the reload needs of a window (a BrowserWindow; a fake in tests). */
export type ReloadableWindow = Pick<BrowserWindow, 'isDestroyed'> & { webContents: Pick<BrowserWindow['webContents'], 'id' | 'reload'> };

export interface ReloadDeps {
  hasUnsavedEdits(owner: OwnerId): boolean;
  /** Drops what main keeps for the page being replaced (its jobs and edits), as when a window goes. */
  forget(owner: OwnerId): void;
  /** The user chose to discard the page's edits: the page's own veto of this reload must not ask again. */
  discard(owner: OwnerId): void;
}

/**
 * View › Reload: a reload throws the page's report edits away, so with unsaved ones it asks first,
 * as closing does. What main kept for the old page is dropped even when nothing is unsaved: its jobs
 * would run on for a page that is gone, and the menu would export its result and edits.
 */
export function createReloader(deps: ReloadDeps): (win: ReloadableWindow) => Promise<void> {
  // Reload chosen again while the dialog is open must not ask twice.
  const asking = new Set<OwnerId>();
  return async (win) => {
    const owner = win.webContents.id;
    if (asking.has(owner)) return;
    const unsaved = deps.hasUnsavedEdits(owner);
    if (unsaved) {
      asking.add(owner);
      // A dialog that failed is no confirmation.
      const discard = await askToDiscard(win as BrowserWindow, 'reload').catch(() => false);
      asking.delete(owner);
      // Closed while the dialog was open: its 'destroyed' handler has forgotten it already.
      if (!discard || win.isDestroyed()) return;
    }
    deps.forget(owner);
    // After `forget`, which drops the choice with the rest of what main kept for the page.
    if (unsaved) deps.discard(owner);
    win.webContents.reload();
  };
}
