import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createReloader, type ReloadableWindow } from '../main/reloadGuard';
import { dialog } from './fakeElectron';

vi.mock('electron', () => import('./fakeElectron'));

const OWNER = 7;

/** The order things happened in: asked, forgot (the page's jobs and edits), discarded (the user's choice), reloaded. */
let steps: string[];
let unsaved: boolean;
let destroyed: boolean;
let win: ReloadableWindow;
let reload: (win: ReloadableWindow) => Promise<void>;

beforeEach(() => {
  dialog.showMessageBox.mockClear();
  dialog.showMessageBox.mockImplementation(async () => {
    steps.push('asked');
    return { response: dialog.nextResponse, checkboxChecked: false };
  });
  steps = [];
  unsaved = false;
  destroyed = false;
  win = { isDestroyed: () => destroyed, webContents: { id: OWNER, reload: () => steps.push('reloaded') } };
  reload = createReloader({
    hasUnsavedEdits: (owner) => owner === OWNER && unsaved,
    forget: (owner) => steps.push(`forgot ${owner}`),
    discard: (owner) => steps.push(`discarded ${owner}`),
  });
});

describe('View › Reload with unsaved report edits', () => {
  it('reloads at once when nothing is unsaved, dropping what main kept for the old page', async () => {
    await reload(win);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(steps).toEqual([`forgot ${OWNER}`, 'reloaded']);
  });

  it('asks first, and neither forgets nor reloads when the user cancels', async () => {
    unsaved = true;
    dialog.nextResponse = 1;
    await reload(win);
    expect(steps).toEqual(['asked']);
    const [parent, options] = dialog.showMessageBox.mock.calls[0] as [unknown, Electron.MessageBoxOptions];
    expect(parent).toBe(win);
    expect(options).toMatchObject({ title: 'Unsaved report edits', buttons: ['Discard edits and reload', 'Cancel'], cancelId: 1, defaultId: 1 });
    expect(options.detail).toMatch(/discard them and reload/);
  });

  it("forgets the page's edits and jobs, keeps the user's choice for the page's veto, then reloads; asks once for two clicks", async () => {
    unsaved = true;
    dialog.nextResponse = 0;
    await Promise.all([reload(win), reload(win)]);
    expect(steps).toEqual(['asked', `forgot ${OWNER}`, `discarded ${OWNER}`, 'reloaded']);
  });

  it('does nothing when the window was closed while the dialog was open', async () => {
    unsaved = true;
    dialog.nextResponse = 0;
    dialog.showMessageBox.mockImplementation(async () => {
      destroyed = true;
      return { response: 0, checkboxChecked: false };
    });
    await reload(win);
    expect(steps).toEqual([]);
  });
});
