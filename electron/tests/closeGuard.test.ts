import { beforeEach, describe, expect, it, vi } from 'vitest';
import { guardUnsavedClose, type GuardedWindow } from '../main/closeGuard';
import { WindowEdits } from '../main/windowEdits';
import { dialog } from './fakeElectron';
import { FakeWindow } from './fakeWindow';

vi.mock('electron', () => import('./fakeElectron'));


const settle = () => new Promise((r) => setTimeout(r, 0));

let win: FakeWindow;
let edits: WindowEdits;
const typed = () => edits.set(win.webContents.id, { title: 'Guild leak' }, true);
beforeEach(() => {
  dialog.showMessageBox.mockClear();
  win = new FakeWindow();
  edits = new WindowEdits();
  guardUnsavedClose(win as unknown as GuardedWindow, edits);
});

describe("main's close handler with unsaved report edits", () => {
  it('closes at once when nothing is unsaved', () => {
    win.close();
    expect(win.closed).toBe(true);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('asks first, and stays open when the user cancels', async () => {
    typed();
    dialog.nextResponse = 1;
    win.close();
    await settle();
    expect(win.closed).toBe(false);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [parent, options] = dialog.showMessageBox.mock.calls[0] as [unknown, Electron.MessageBoxOptions];
    expect(parent).toBe(win);
    expect(options).toMatchObject({ buttons: ['Discard edits and close', 'Cancel'], cancelId: 1, defaultId: 1 });
    expect(options.message).toMatch(/not saved/);
  });

  it('closes when the user discards the edits, without asking twice', async () => {
    typed();
    dialog.nextResponse = 0;
    win.close();
    win.close(); // a second click while the dialog is open
    await settle();
    expect(win.closed).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });
});
