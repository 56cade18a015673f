import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportRequest, FileRef, JobEvent } from '../../analyzers/app/api/appApi';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { APP_ENTRY_URL, trustedOrigins } from '../main/appOrigin';
import { FileRegistry } from '../../analyzers/app/node/fileRegistry';
import { registerIpcHandlers, type IpcDeps } from '../main/ipcHandlers';
import { WindowJobs } from '../main/windowJobs';
import { WindowEdits } from '../main/windowEdits';
import { INVOKE } from '../shared/ipcChannels';
import { ipcHandlers, ipcMain } from './fakeElectron';
import { FakeRunner } from './fakeRunner';

vi.mock('electron', () => import('./fakeElectron'));

const SNAPSHOT = join(__dirname, '..', '..', 'samples', 'heap', 'game-1-baseline.heapsnapshot.gz');
const APP_FRAME = { url: APP_ENTRY_URL, parent: null };

/** The fake IPC event: which window (webContents id) and which frame sent it. */
function eventFrom(frame: { url: string; parent: unknown } | null, windowId = 1) {
  return { sender: { id: windowId }, senderFrame: frame };
}

function call(channel: string, event: ReturnType<typeof eventFrom>, ...args: unknown[]): Promise<unknown> {
  const handler = ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve().then(() => handler(event, ...args));
}

let runner: FakeRunner;
let files: FileRegistry;
let delivered: { owner: number; event: JobEvent }[];
let exported: ExportRequest[];
let initial: FileRef[];
let edits: WindowEdits;

beforeEach(async () => {
  ipcHandlers.clear();
  runner = new FakeRunner();
  files = new FileRegistry();
  delivered = [];
  exported = [];
  edits = new WindowEdits();
  initial = [await files.grant(SNAPSHOT)];
  const deps: IpcDeps = {
    trusted: trustedOrigins(undefined),
    files,
    jobs: new WindowJobs(runner, (owner, event) => delivered.push({ owner, event })),
    edits,
    initialFiles: () => initial,
    chooseFiles: async () => [SNAPSHOT],
    exportCase: async (_sender, _result, request) => {
      exported.push(request);
      return { status: 'saved', name: `report.${request.format}` };
    },
    queryCase: async () => ({ status: 'error', message: 'queries are tested in queryCaseIpc.test.ts' }),
    exploreHeap: async () => ({ kind: 'error', message: 'explorer queries are tested in heap/tests/explorer.test.ts' }),
  };
  registerIpcHandlers(ipcMain as unknown as Electron.IpcMain, deps);
});

describe('IPC handlers of the main process', () => {
  it('registers one handler per named operation of the preload API, and nothing else', () => {
    expect([...ipcHandlers.keys()].sort()).toEqual(Object.values(INVOKE).sort());
  });

  it.each([
    ['a web page', { url: 'https://evil.example/', parent: null }],
    ['another local file', { url: 'file:///other/index.html', parent: null }],
    ['a look-alike host', { url: 'app://aftermath.evil/index.html', parent: null }],
    ['credentials in the URL', { url: 'app://x@aftermath/index.html', parent: null }],
    ['a sub-frame of the app', { url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } }],
    ['a frame that is gone', null],
  ])('refuses every operation from %s', async (_what, frame) => {
    for (const channel of Object.values(INVOKE)) {
      await expect(call(channel, eventFrom(frame), [initial[0].id])).rejects.toThrow(/refused/);
    }
    expect(runner.started).toEqual([]);
  });

  it('hands out command-line and dialog files by opaque id, never by path', async () => {
    expect(await call(INVOKE.initialFiles, eventFrom(APP_FRAME))).toEqual(initial);
    const chosen = (await call(INVOKE.chooseFiles, eventFrom(APP_FRAME))) as FileRef[];
    // The same file granted twice keeps its id, so the case does not list it twice.
    expect(chosen).toEqual(initial);
    expect(JSON.stringify(chosen)).not.toContain('/');
    expect(initial[0]).toMatchObject({ name: 'game-1-baseline.heapsnapshot.gz', sizeBytes: 941_658 });
  });

  it('starts a job for known file ids, with validated options, and sends its events to that window only', async () => {
    const jobId = await call(INVOKE.startAnalysis, eventFrom(APP_FRAME, 7), [initial[0].id], { anchorDate: '2024-03-01' });
    expect(runner.started).toEqual([{ jobId, paths: [SNAPSHOT], options: { anchorDate: '2024-03-01' } }]);
    runner.emit({ type: 'cancelled', jobId: jobId as string });
    expect(delivered).toEqual([{ owner: 7, event: { type: 'cancelled', jobId } }]);
  });

  it.each([
    ['an unknown file id', ['f-made-up'], undefined, /unknown file id "f-made-up"/],
    ['a path instead of an id', [SNAPSHOT], undefined, /unknown file id/],
    ['no files', [], undefined, /non-empty list/],
    ['ids that are not a list', 'f1', undefined, /non-empty list/],
    ['a number as id', [42], undefined, /unknown file id 42/],
    ['an unknown option', 'KNOWN', { evil: true }, /unknown option 'evil'/],
    ['a malformed anchor date', 'KNOWN', { anchorDate: '2024-13-45; rm' }, /anchor date/],
    ['a negative memory limit', 'KNOWN', { memoryLimitBytes: -1 }, /memory limit/],
  ])('refuses to start a job with %s', async (_what, ids, options, message) => {
    const fileIds = ids === 'KNOWN' ? [initial[0].id] : ids;
    await expect(call(INVOKE.startAnalysis, eventFrom(APP_FRAME), fileIds, options)).rejects.toThrow(message);
    expect(runner.started).toEqual([]);
  });

  it('refuses dropped files without a real path (a File made by script) or with a relative one', async () => {
    await expect(call(INVOKE.addDroppedFiles, eventFrom(APP_FRAME), [{ name: 'x.heapsnapshot', path: '' }])).rejects.toThrow(/x\.heapsnapshot: not a file on this computer/);
    await expect(call(INVOKE.addDroppedFiles, eventFrom(APP_FRAME), [{ name: 'x', path: '../etc/passwd' }])).rejects.toThrow(/not an absolute file path/);
    await expect(call(INVOKE.addDroppedFiles, eventFrom(APP_FRAME), 'oops')).rejects.toThrow(/must be a list/);
    const refs = (await call(INVOKE.addDroppedFiles, eventFrom(APP_FRAME), [{ name: 'dropped.gz', path: SNAPSHOT }])) as FileRef[];
    expect(refs).toEqual([initial[0]]);
  });

  it('cancels only jobs of the calling window', async () => {
    const jobId = await call(INVOKE.startAnalysis, eventFrom(APP_FRAME, 1), [initial[0].id]);
    await expect(call(INVOKE.cancelAnalysis, eventFrom(APP_FRAME, 2), jobId)).rejects.toThrow(/unknown job/);
    await expect(call(INVOKE.cancelAnalysis, eventFrom(APP_FRAME, 1), 'job-made-up')).rejects.toThrow(/unknown job/);
    await expect(call(INVOKE.cancelAnalysis, eventFrom(APP_FRAME, 1), { jobId })).rejects.toThrow(/jobId must be/);
    expect(runner.cancelled).toEqual([]);
    await call(INVOKE.cancelAnalysis, eventFrom(APP_FRAME, 1), jobId);
    expect(runner.cancelled).toEqual([jobId]);
  });

  it('exports only a finished job of the calling window, in a known format, with well-formed edits', async () => {
    const jobId = (await call(INVOKE.startAnalysis, eventFrom(APP_FRAME, 1), [initial[0].id])) as string;
    const request = { jobId, format: 'md', content: 'report' };
    await expect(call(INVOKE.exportReport, eventFrom(APP_FRAME, 1), request)).rejects.toThrow(/no finished analysis/);
    runner.emit({ type: 'result', jobId, result: {} as CaseResult });

    await expect(call(INVOKE.exportReport, eventFrom(APP_FRAME, 2), request)).rejects.toThrow(/no finished analysis/);
    await expect(call(INVOKE.exportReport, eventFrom(APP_FRAME, 1), { ...request, format: 'exe' })).rejects.toThrow(/format must be one of md, html, json, pdf/);
    await expect(call(INVOKE.exportReport, eventFrom(APP_FRAME, 1), { ...request, content: 'everything' })).rejects.toThrow(/content must be/);
    await expect(call(INVOKE.exportReport, eventFrom(APP_FRAME, 1), { ...request, path: '/etc/passwd' })).rejects.toThrow(/unknown field 'path'/);
    await expect(call(INVOKE.exportReport, eventFrom(APP_FRAME, 1), { ...request, edits: { title: 42 } })).rejects.toThrow(/edits.title must be a string/);
    await expect(call(INVOKE.exportReport, eventFrom(APP_FRAME, 1), { ...request, edits: { actionItems: [{ text: 'x' }] } })).rejects.toThrow(/action item/);
    expect(exported).toEqual([]);

    const edits = { title: 'Inventory leak', fiveWhys: ['why 1'], actionItems: [{ text: 'cap the cache', owner: 'sam', priority: 'P1' }], timelineNotes: { e1: 'deploy' } };
    expect(await call(INVOKE.exportReport, eventFrom(APP_FRAME, 1), { ...request, format: 'pdf', edits })).toEqual({ status: 'saved', name: 'report.pdf' });
    expect(exported).toEqual([{ jobId, format: 'pdf', content: 'report', edits }]);
  });

  it("keeps each window's report edits and whether they are saved, refusing malformed ones", async () => {
    await call(INVOKE.reportEdits, eventFrom(APP_FRAME, 1), { title: 'Inventory leak' }, true);
    expect(edits.unsaved(1)).toBe(true);
    expect(edits.unsaved(2)).toBe(false);
    expect(edits.edits(1)).toEqual({ title: 'Inventory leak' });
    await expect(call(INVOKE.reportEdits, eventFrom(APP_FRAME, 1), { title: 7 }, true)).rejects.toThrow(/edits.title must be a string/);
    await expect(call(INVOKE.reportEdits, eventFrom(APP_FRAME, 1), {}, 'yes')).rejects.toThrow(/unsaved must be true or false/);
    await call(INVOKE.reportEdits, eventFrom(APP_FRAME, 1), { title: 'Inventory leak' }, false);
    expect(edits.unsaved(1)).toBe(false);
  });
});
