import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobEvent, JobId } from '../../analyzers/app/api/appApi';
import { renderedOrThrow } from '../../analyzers/app/node/exportRendering';
import { CANCEL_GRACE_MS } from '../../analyzers/app/node/jobHost';
import { runCase } from '../../analyzers/pipeline/runCase';
import { tempFile } from '../../analyzers/ingest/tests/loadForTest';
import { UtilityAnalysisHost } from '../main/analysisHost';
import { type NodeUtilityProcess, utilityProcess } from './fakeElectron';

vi.mock('electron', () => import('./fakeElectron'));

const ENTRY = join(__dirname, '..', 'analysis', 'utilityEntry.ts');
const SAMPLES = join(__dirname, '..', '..', 'samples', 'heap');
const BASELINE = join(SAMPLES, 'game-1-baseline.heapsnapshot.gz');
const ALL = ['game-1-baseline', 'game-2-target', 'game-3-final'].map((n) => join(SAMPLES, `${n}.heapsnapshot.gz`));

function finalEvent(host: UtilityAnalysisHost, jobId: JobId, seen: JobEvent[] = []): Promise<JobEvent> {
  return new Promise((resolve) => {
    const off = host.onEvent((e) => {
      if (e.jobId !== jobId) return;
      seen.push(e);
      if (e.type !== 'progress') {
        off();
        resolve(e);
      }
    });
  });
}

let host: UtilityAnalysisHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
  utilityProcess.fork.mockClear();
});

describe('UtilityAnalysisHost (analysis in an Electron utility process)', () => {
  it('runs the job in the utility entry and forwards its progress and result', async () => {
    host = new UtilityAnalysisHost({ entryPath: ENTRY });
    const seen: JobEvent[] = [];
    const end = await finalEvent(host, host.start([BASELINE]), seen);
    expect(end.type).toBe('result');
    if (end.type !== 'result') return;
    // What crossed the process boundary is exactly what the pipeline computes in-process.
    const direct = await runCase([BASELINE], { onProgress: () => undefined, signal: new AbortController().signal });
    expect(end.result.inputs).toEqual(direct.inputs);
    expect(end.result.views).toEqual(direct.views);
    expect(end.result.findings).toEqual(direct.findings);
    expect(end.result.views.heap?.snapshots[0].nodeCount).toBeGreaterThan(1000);
    expect(seen.filter((e) => e.type === 'progress').length).toBeGreaterThan(0);
    expect(utilityProcess.fork).toHaveBeenCalledTimes(1);
    expect(utilityProcess.fork.mock.calls[0][2]).toMatchObject({ execArgv: ['--max-old-space-size=4096'], env: { GLIBC_TUNABLES: expect.stringMatching(/glibc\.malloc\.hugetlb=1:glibc\.malloc\.mmap_threshold=1048576/) as string } });
  }, 60_000);

  it('reports a utility process that runs out of memory as an error of its job, naming the files', async () => {
    // The process's stderr is passed on to main's (the app's log); here it is caught, not printed.
    const logged: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => logged.push(String(chunk)) > 0);
    host = new UtilityAnalysisHost({ entryPath: ENTRY, heapLimitMb: 12 });
    const end = await finalEvent(host, host.start(ALL)).finally(() => stderr.mockRestore());
    expect(logged.join('')).toMatch(/heap out of memory/);
    expect(end.type).toBe('error');
    expect(end.type === 'error' && end.message).toMatch(/^The analysis process ran out of memory while analyzing game-1-baseline\.heapsnapshot\.gz, game-2-target/);
  }, 60_000);

  it('turns a process that dies mid-job into an error event, and starts a fresh process for the next job', async () => {
    host = new UtilityAnalysisHost({ entryPath: ENTRY });
    const jobId = host.start(ALL);
    const first = utilityProcess.fork.mock.results[0].value as NodeUtilityProcess;
    const ended = finalEvent(host, jobId);
    // Killed once it is surely mid-job: after its first progress event.
    const off = host.onEvent((e) => {
      if (e.type === 'progress') {
        off();
        first.kill();
      }
    });
    const end = await ended;
    expect(end.type).toBe('error');
    expect(end.type === 'error' && end.message).toMatch(/^The analysis process exited unexpectedly \(code 143\) while analyzing game-1-baseline/);

    const next = await finalEvent(host, host.start([BASELINE]));
    expect(next.type).toBe('result');
    expect(utilityProcess.fork).toHaveBeenCalledTimes(2);
  }, 60_000);

  it('cancels a running job cooperatively and keeps the process for the next one', async () => {
    // A grace longer than a loaded machine takes to start the process and see the cancel: the cooperative path.
    host = new UtilityAnalysisHost({ entryPath: ENTRY, cancelGraceMs: 60_000 });
    const jobId = host.start(ALL);
    host.cancel(jobId);
    expect((await finalEvent(host, jobId)).type).toBe('cancelled');
    expect((await finalEvent(host, host.start([BASELINE]))).type).toBe('result');
    expect(utilityProcess.fork).toHaveBeenCalledTimes(1);
  }, 60_000);

  it('ends the process of a cancelled job that does not stop, and reports the job as cancelled', async () => {
    vi.useFakeTimers();
    try {
      // A utility that never answers: a job stuck in one long step.
      const stuck = Object.assign(new EventEmitter(), {
        stderr: null,
        postMessage: vi.fn(),
        kill: vi.fn(() => {
          stuck.emit('exit', 143);
          return true;
        }),
      });
      utilityProcess.fork.mockImplementationOnce(() => stuck as unknown as NodeUtilityProcess);
      host = new UtilityAnalysisHost({ entryPath: ENTRY, cancelGraceMs: 5_000 });
      const events: JobEvent[] = [];
      host.onEvent((e) => events.push(e));
      const jobId = host.start([BASELINE]);
      host.cancel(jobId);
      expect(stuck.postMessage).toHaveBeenLastCalledWith({ type: 'cancel', jobId });
      expect(stuck.kill).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(stuck.kill).toHaveBeenCalledTimes(1);
      expect(events).toEqual([{ type: 'cancelled', jobId }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers the cancel of a stuck job that shares its process within the grace, without ending the process or the other job', async () => {
    vi.useFakeTimers();
    try {
      const shared = Object.assign(new EventEmitter(), { stderr: null, postMessage: vi.fn(), kill: vi.fn(() => true) });
      utilityProcess.fork.mockImplementationOnce(() => shared as unknown as NodeUtilityProcess);
      host = new UtilityAnalysisHost({ entryPath: ENTRY });
      const events: JobEvent[] = [];
      host.onEvent((e) => events.push(e));
      const stuck = host.start([BASELINE]);
      const other = host.start([BASELINE]);
      host.cancel(stuck);
      await vi.advanceTimersByTimeAsync(CANCEL_GRACE_MS);
      expect(events).toEqual([{ type: 'cancelled', jobId: stuck }]);
      expect(shared.kill).not.toHaveBeenCalled();
      // The process drops the job at its next check; what it says about it then is not passed on.
      shared.emit('message', { type: 'cancelled', jobId: stuck });
      expect(events).toEqual([{ type: 'cancelled', jobId: stuck }]);
      // The other job goes on in the same process and ends as it will.
      shared.emit('message', { type: 'error', jobId: other, message: 'game-1.heapsnapshot: cut' });
      expect(events.map((e) => [e.type, e.jobId])).toEqual([
        ['cancelled', stuck],
        ['error', other],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores messages about jobs it did not start', async () => {
    const quiet = Object.assign(new EventEmitter(), { stderr: null, postMessage: vi.fn(), kill: vi.fn() });
    utilityProcess.fork.mockImplementationOnce(() => quiet as unknown as NodeUtilityProcess);
    host = new UtilityAnalysisHost({ entryPath: ENTRY });
    const events: JobEvent[] = [];
    host.onEvent((e) => events.push(e));
    const jobId = host.start([BASELINE]);
    quiet.emit('message', { type: 'error', jobId: 'job-forged', message: 'x' });
    quiet.emit('message', 'not an event');
    quiet.emit('message', { type: 'cancelled', jobId });
    expect(events).toEqual([{ type: 'cancelled', jobId }]);
  });

  it('runs SQL queries over a finished case in the utility process and stops a runaway one there, not in main', async () => {
    host = new UtilityAnalysisHost({ entryPath: ENTRY, queryTimeoutMs: 2_000 });
    const end = await finalEvent(host, host.start([BASELINE]));
    if (end.type !== 'result') throw new Error(`analysis ended with ${end.type}`);
    expect(await host.query('case-1', end.result, 'SELECT count(*) FROM findings')).toMatchObject({ status: 'ok', rows: [[end.result.findings.length]] });
    const runaway = await host.query('case-1', end.result, 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n');
    expect(runaway).toEqual({ status: 'error', message: 'The query ran for more than 2 s and was stopped.' });
    // A fresh process is started and sent the case again.
    expect((await host.query('case-1', end.result, 'SELECT count(*) FROM inputs')).status).toBe('ok');
    expect(utilityProcess.fork).toHaveBeenCalledTimes(2);
  }, 60_000);

  it('renders exports in the utility process: a case file comes back as bytes that reopen', async () => {
    host = new UtilityAnalysisHost({ entryPath: ENTRY });
    const end = await finalEvent(host, host.start([BASELINE]));
    if (end.type !== 'result') throw new Error(`analysis ended with ${end.type}`);
    const outcome = await host.render('case-1', end.result, { format: 'case', content: 'report', edits: { title: 'Guild leak' } });
    const saved = renderedOrThrow(outcome);
    expect(saved.data).toBeInstanceOf(Uint8Array);
    const reopened = await runCase([tempFile('reopened.aftermath', Buffer.from(saved.data as Uint8Array))], { onProgress: () => undefined, signal: new AbortController().signal });
    expect(reopened.findings).toEqual(end.result.findings);
    expect(reopened.reportEdits?.title).toBe('Guild leak');
  }, 60_000);
});
