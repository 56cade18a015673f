import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { guardUnsavedClose, type GuardedWindow } from '../main/closeGuard';
import { dialog } from './fakeElectron';

vi.mock('electron', () => import('./fakeElectron'));

/** A window as main sees it: `close` emits a preventable 'close' event and closes unless prevented. */
class FakeWindow extends EventEmitter {
  closed = false;
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

let win: FakeWindow;
let unsaved: boolean;
beforeEach(() => {
  dialog.showMessageBox.mockClear();
  win = new FakeWindow();
  unsaved = false;
  guardUnsavedClose(win as unknown as GuardedWindow, () => unsaved);
});

describe("main's close handler with unsaved report edits", () => {
  it('closes at once when nothing is unsaved', () => {
    win.close();
    expect(win.closed).toBe(true);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('asks first, and stays open when the user cancels', async () => {
    unsaved = true;
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
    unsaved = true;
    dialog.nextResponse = 0;
    win.close();
    win.close(); // a second click while the dialog is open
    await settle();
    expect(win.closed).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });
});
