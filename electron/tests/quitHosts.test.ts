import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { guardUnsavedClose, type GuardedWindow } from '../main/closeGuard';
import { disposeHostsOnQuit } from '../main/quitHosts';
import { guardUnsavedUnload, type UnloadingWindow } from '../main/unloadGuard';
import { WindowEdits } from '../main/windowEdits';
import { dialog } from './fakeElectron';
import { FakeWindow } from './fakeWindow';

vi.mock('electron', () => import('./fakeElectron'));


/**
 * Electron's quit sequence: 'before-quit', then each window's 'close' (which may cancel the quit),
 * then 'will-quit' only once every window has closed.
 */
class FakeApp extends EventEmitter {
  constructor(private readonly windows: FakeWindow[]) {
    super();
  }
  quit(): void {
    this.emit('before-quit', { preventDefault: () => undefined });
    for (const w of this.windows) if (!w.closed) w.close();
    if (this.windows.every((w) => w.closed)) this.emit('will-quit', { preventDefault: () => undefined });
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

let win: FakeWindow;
let app: FakeApp;
let hosts: { dispose: Mock<() => void> }[];
beforeEach(() => {
  dialog.showMessageBox.mockClear();
  dialog.showMessageBoxSync.mockClear();
  win = new FakeWindow();
  app = new FakeApp([win]);
  const edits = new WindowEdits();
  edits.set(win.webContents.id, { title: 'Guild leak' }, true);
  guardUnsavedClose(win as unknown as GuardedWindow, edits);
  guardUnsavedUnload(win as unknown as UnloadingWindow, edits, (owner) => edits.forget(owner));
  hosts = [1, 2, 3].map(() => ({ dispose: vi.fn<() => void>() }));
  disposeHostsOnQuit(app, hosts);
});

describe('the analysis hosts at quit', () => {
  it('stay alive when the unsaved-edits guard cancels the quit', async () => {
    dialog.nextResponse = 1;
    app.quit();
    await settle();
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(win.closed).toBe(false);
    for (const host of hosts) expect(host.dispose).not.toHaveBeenCalled();
  });

  it('are disposed, each once, when the quit goes ahead', async () => {
    dialog.nextResponse = 0;
    app.quit();
    await settle();
    // The guard closed the window itself; the app quits again (index.ts's 'window-all-closed', or the user).
    app.quit();
    expect(win.closed).toBe(true);
    for (const host of hosts) expect(host.dispose).toHaveBeenCalledTimes(1);
  });

  it('are disposed when the quit goes ahead through the page’s veto, asked about once', async () => {
    // The page vetoes its unload, as it does while its edits are unsaved.
    win.webContents.vetoes = true;
    dialog.nextResponse = 0;
    app.quit();
    await settle();
    app.quit();
    expect(win.closed).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(dialog.showMessageBoxSync).not.toHaveBeenCalled();
    for (const host of hosts) expect(host.dispose).toHaveBeenCalledTimes(1);
  });
});
