import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AftermathApi, JobEvent } from '../../analyzers/app/api/appApi';
import type { DesktopApi } from '../shared/desktopApi';
import { INVOKE, PUSH } from '../shared/ipcChannels';
import { contextBridge, exposed, ipcRenderer, webUtils } from './fakeElectron';

vi.mock('electron', () => import('./fakeElectron'));

/** Every member of the contract the renderer's getApi() reads from window.aftermath. */
const API_MEMBERS: (keyof AftermathApi)[] = ['host', 'initialFiles', 'chooseFiles', 'addDroppedFiles', 'startAnalysis', 'cancelAnalysis', 'onJobEvent', 'exportReport', 'queryCase', 'exploreHeap', 'releaseCase'];

let api: DesktopApi;
beforeAll(async () => {
  await import('../preload/index');
  api = exposed.get('aftermath') as DesktopApi;
});

describe('preload (window.aftermath)', () => {
  it('exposes exactly the named operations of AftermathApi (plus the menu pushes and the edits report) under the name getApi() reads', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(contextBridge.exposeInMainWorld.mock.calls[0][0]).toBe('aftermath');
    expect(Object.keys(api).sort()).toEqual([...API_MEMBERS, 'onFilesOpened', 'reportEditsChanged', 'onEditsSaved'].sort());
    expect(api.host).toBe('desktop');
  });

  it('sends each operation on its own channel with its own arguments', async () => {
    ipcRenderer.invoke.mockClear();
    await api.initialFiles();
    await api.chooseFiles();
    await api.startAnalysis(['id-1'], { anchorDate: '2024-03-01' });
    await api.cancelAnalysis('job-1');
    await api.exportReport({ jobId: 'job-1', format: 'md', content: 'report' });
    await api.queryCase('job-1', 'SELECT 1');
    await api.exploreHeap('job-1', { kind: 'classes', snapshot: 0, filter: 'Player' });
    await api.releaseCase('job-1');
    api.reportEditsChanged({ title: 'T' }, true);
    expect(ipcRenderer.invoke.mock.calls).toEqual([
      [INVOKE.initialFiles],
      [INVOKE.chooseFiles],
      [INVOKE.startAnalysis, ['id-1'], { anchorDate: '2024-03-01' }],
      [INVOKE.cancelAnalysis, 'job-1'],
      [INVOKE.exportReport, { jobId: 'job-1', format: 'md', content: 'report' }],
      [INVOKE.queryCase, 'job-1', 'SELECT 1'],
      [INVOKE.exploreHeap, 'job-1', { kind: 'classes', snapshot: 0, filter: 'Player' }],
      [INVOKE.releaseCase, 'job-1'],
      [INVOKE.reportEdits, { title: 'T' }, true],
    ]);
  });

  it('resolves dropped Files to paths in the preload, so the page never handles a path', async () => {
    ipcRenderer.invoke.mockClear();
    const dropped = { name: 'dump.heapsnapshot', path: '/home/me/dump.heapsnapshot' } as unknown as File;
    const scripted = { name: 'forged' } as unknown as File;
    await api.addDroppedFiles([dropped, scripted]);
    expect(webUtils.getPathForFile).toHaveBeenCalledWith(dropped);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE.addDroppedFiles, [
      { name: 'dump.heapsnapshot', path: '/home/me/dump.heapsnapshot' },
      { name: 'forged', path: '' },
    ]);
  });

  it('passes job events to listeners without the IPC event object, and stops after unsubscribe', () => {
    const received: unknown[][] = [];
    const off = api.onJobEvent((...args: unknown[]) => received.push(args));
    const event: JobEvent = { type: 'cancelled', jobId: 'job-1' };
    ipcRenderer.emit(PUSH.jobEvent, { sender: ipcRenderer, ports: [] }, event);
    off();
    ipcRenderer.emit(PUSH.jobEvent, { sender: ipcRenderer }, event);
    expect(received).toEqual([[event]]);
  });

  it('holds files opened from the menu until the page subscribes', async () => {
    const refs = [{ id: 'a', name: 'x.heapsnapshot', sizeBytes: 1 }];
    ipcRenderer.emit(PUSH.filesOpened, {}, refs);
    const received: unknown[] = [];
    const off = api.onFilesOpened((files) => received.push(files));
    await Promise.resolve();
    ipcRenderer.emit(PUSH.filesOpened, {}, refs);
    off();
    expect(received).toEqual([refs, refs]);
  });
});
