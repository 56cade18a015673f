import { beforeEach, describe, expect, it, vi } from 'vitest';
import { guardUnsavedClose, type GuardedWindow } from '../main/closeGuard';
import { createReloader, type ReloadableWindow } from '../main/reloadGuard';
import { guardUnsavedUnload, type UnloadingWindow } from '../main/unloadGuard';
import { WindowEdits } from '../main/windowEdits';
import type { OwnerId } from '../main/windowJobs';
import { dialog } from './fakeElectron';
import { FakeWindow } from './fakeWindow';

vi.mock('electron', () => import('./fakeElectron'));

const settle = () => new Promise((r) => setTimeout(r, 0));
const DISCARD = 0;
const CANCEL = 1;

let win: FakeWindow;
let owner: OwnerId;
let edits: WindowEdits;
let forgotten: OwnerId[];
let reload: (win: ReloadableWindow) => Promise<void>;
/** The user types in the report; the page tells main, and vetoes unloads from now on. */
const typed = (title = 'Guild leak') => {
  edits.set(owner, { title }, true);
  win.webContents.vetoes = true;
};

// Wired as index.ts wires a window.
beforeEach(() => {
  dialog.showMessageBox.mockClear();
  dialog.showMessageBoxSync.mockClear();
  win = new FakeWindow();
  owner = win.webContents.id;
  edits = new WindowEdits();
  forgotten = [];
  const forget = (id: OwnerId) => {
    forgotten.push(id);
    edits.forget(id);
  };
  guardUnsavedClose(win as unknown as GuardedWindow, edits);
  guardUnsavedUnload(win as unknown as UnloadingWindow, edits, forget);
  reload = createReloader({ hasUnsavedEdits: (id) => edits.unsaved(id), forget, discard: (id) => edits.discard(id) });
});

describe('an unload the page vetoes for its unsaved report edits (a reload from DevTools, location.reload())', () => {
  it('asks, and keeps the page and its edits when the user cancels', () => {
    typed();
    dialog.nextResponse = CANCEL;
    expect(win.webContents.unload()).toBe(false);
    expect(dialog.showMessageBoxSync).toHaveBeenCalledTimes(1);
    const [parent, options] = dialog.showMessageBoxSync.mock.calls[0] as [unknown, Electron.MessageBoxSyncOptions];
    expect(parent).toBe(win);
    expect(options).toMatchObject({ title: 'Unsaved report edits', buttons: ['Discard edits and leave', 'Cancel'], cancelId: 1, defaultId: 1 });
    expect(options.detail).toMatch(/discard them and leave/);
    expect(forgotten).toEqual([]);
    expect(edits.unsaved(owner)).toBe(true);
    // Cancel is no standing answer: the next unload asks again.
    win.webContents.unload();
    expect(dialog.showMessageBoxSync).toHaveBeenCalledTimes(2);
  });

  it('lets the page go, and forgets what main kept for it, when the user discards the edits', () => {
    typed();
    dialog.nextResponse = DISCARD;
    expect(win.webContents.unload()).toBe(true);
    expect(forgotten).toEqual([owner]);
    expect(edits.edits(owner)).toBeUndefined();
  });

  it('does not ask again for a close the user confirmed in main’s close handler', async () => {
    typed();
    dialog.nextResponse = DISCARD;
    win.close();
    await settle();
    expect(win.closed).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(dialog.showMessageBoxSync).not.toHaveBeenCalled();
  });

  it('does not ask again for a View › Reload the user confirmed', async () => {
    typed();
    dialog.nextResponse = DISCARD;
    await reload(win);
    expect(win.webContents.reloads).toBe(1);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(dialog.showMessageBoxSync).not.toHaveBeenCalled();
  });

  it('asks again on the next page: a choice its unload did not use is not carried over', async () => {
    typed();
    // The page no longer had unsaved edits by the time it unloaded (saved just before): no veto used the choice.
    win.webContents.vetoes = false;
    dialog.nextResponse = DISCARD;
    await reload(win);
    expect(win.webContents.reloads).toBe(1);
    edits.set(owner, {}, false); // the new page reports its (empty) edits
    typed('Another leak');
    dialog.nextResponse = CANCEL;
    expect(win.webContents.unload()).toBe(false);
    expect(dialog.showMessageBoxSync).toHaveBeenCalledTimes(1);
  });
});
