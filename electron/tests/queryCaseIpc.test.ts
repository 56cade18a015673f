import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { answerCaseQuery } from '../../analyzers/case/queryCase';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { APP_ENTRY_URL, trustedOrigins } from '../main/appOrigin';
import { FileRegistry } from '../../analyzers/app/node/fileRegistry';
import { registerIpcHandlers } from '../main/ipcHandlers';
import { WindowJobs } from '../main/windowJobs';
import { WindowEdits } from '../main/windowEdits';
import { INVOKE } from '../shared/ipcChannels';
import { ipcHandlers, ipcMain } from './fakeElectron';
import { FakeRunner } from './fakeRunner';

vi.mock('electron', () => import('./fakeElectron'));

const SNAPSHOT = join(__dirname, '..', '..', 'samples', 'heap', 'game-1-baseline.heapsnapshot.gz');
const APP_FRAME = { url: APP_ENTRY_URL, parent: null };
/** A finished case with one failed file: enough rows to query, no analysis to wait for. */
const RESULT: CaseResult = { analyzedAt: '2024-03-01T10:00:00.000Z', inputs: [], failures: [{ file: 'notes.txt', message: 'no format accepts it' }], findings: [], views: {} };

const eventFrom = (frame: { url: string; parent: unknown } | null, windowId: number) => ({ sender: { id: windowId }, senderFrame: frame });

function query(event: ReturnType<typeof eventFrom>, ...args: unknown[]): Promise<unknown> {
  const handler = ipcHandlers.get(INVOKE.queryCase);
  if (!handler) throw new Error(`no handler for ${INVOKE.queryCase}`);
  return Promise.resolve().then(() => handler(event, ...args));
}

let runner: FakeRunner;
let jobId: string;

beforeEach(() => {
  ipcHandlers.clear();
  runner = new FakeRunner();
  const jobs = new WindowJobs(runner, () => {});
  registerIpcHandlers(ipcMain as unknown as Electron.IpcMain, {
    trusted: trustedOrigins(undefined),
    files: new FileRegistry(),
    jobs,
    edits: new WindowEdits(),
    initialFiles: () => [],
    chooseFiles: async () => [],
    exportCase: async () => ({ status: 'cancelled' }),
    // In process here; the app runs it in the query utility process (analysisHost.test.ts).
    queryCase: (_jobId, result, sql) => answerCaseQuery(result, sql),
    exploreHeap: async () => ({ kind: 'error', message: 'explorer queries are tested in heap/tests/explorer.test.ts' }),
  });
  jobId = jobs.start(1, [SNAPSHOT]);
});

describe('IPC: the SQL console query (aftermath:query-case)', () => {
  it('answers only once the job has a result, and only to the window that started it', async () => {
    await expect(query(eventFrom(APP_FRAME, 1), jobId, 'SELECT 1')).rejects.toThrow(/no finished analysis/);
    runner.emit({ type: 'result', jobId, result: RESULT });
    await expect(query(eventFrom(APP_FRAME, 2), jobId, 'SELECT 1')).rejects.toThrow(/no finished analysis/);
    expect(await query(eventFrom(APP_FRAME, 1), jobId, 'SELECT file, message FROM failures')).toEqual({
      status: 'ok', columns: ['file', 'message'], rows: [['notes.txt', 'no format accepts it']], truncated: false, cutValues: 0,
    });
    expect(await query(eventFrom(APP_FRAME, 1), jobId, 'DELETE FROM failures')).toEqual({
      status: 'error', message: 'DELETE statements are refused: the console is read-only and runs SELECT, WITH, VALUES and EXPLAIN queries',
    });
  });

  it.each([
    ['a job id that is not a string', () => [{ jobId }, 'SELECT 1'], /jobId must be a job id string/],
    ['an SQL text that is not a string', () => [jobId, { sql: 'SELECT 1' }], /sql must be a string/],
    ['no SQL text', () => [jobId], /sql must be a string/],
    ['an oversized SQL text', () => [jobId, `SELECT '${'x'.repeat(10_000)}'`], /10,009 characters; at most 10,000/],
  ])('refuses %s', async (_what, args, message) => {
    runner.emit({ type: 'result', jobId, result: RESULT });
    await expect(query(eventFrom(APP_FRAME, 1), ...args())).rejects.toThrow(message);
  });

  it.each([
    ['a web page', { url: 'https://evil.example/', parent: null }],
    ['a sub-frame of the app', { url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } }],
    ['a frame that is gone', null],
  ])('refuses a query from %s before looking at it', async (_what, frame) => {
    runner.emit({ type: 'result', jobId, result: RESULT });
    await expect(query(eventFrom(frame, 1), jobId, 'SELECT 1')).rejects.toThrow(/aftermath:query-case refused/);
  });
});
