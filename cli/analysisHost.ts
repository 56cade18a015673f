import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JobEvent, JobId } from '../analyzers/app/appApi';
import type { JobRequest } from '../analyzers/app/jobProtocol';
import type { CaseQueryResult } from '../analyzers/app/caseQuery';
import { CaseQueryClient } from '../analyzers/app/caseQueryClient';
import type { DocumentExportRequest } from '../analyzers/report/renderExport';
import type { RenderOutcome } from '../analyzers/app/jobProtocol';
import { ChildSlot } from '../analyzers/app/childSlot';
import type { CaseResult } from '../analyzers/ingest/caseResult';
import type { CaseOptions } from '../analyzers/ingest/caseOptions';

/** Heap limit of the analysis child: big dumps need far more than Node's default. */
const CHILD_HEAP_MB = 16_384;

/**
 * Owns the analysis child process: forks it on demand, routes its events to listeners, and turns a
 * child that dies mid-job (out of memory, killed) into an `error` event for every job it was running.
 */
export class AnalysisHost {
  private readonly child = new ChildSlot(() => this.spawnChild());
  private readonly running = new Map<JobId, string[]>();
  private readonly listeners = new Set<(e: JobEvent) => void>();
  private nextId = 1;

  private readonly queries: CaseQueryClient;

  /** `heapLimitMb` and `queryTimeoutMs` exist for the tests of an out-of-memory child and a runaway query. */
  constructor(
    private readonly heapLimitMb = CHILD_HEAP_MB,
    queryTimeoutMs?: number,
  ) {
    this.queries = new CaseQueryClient({ send: (request) => this.send(request), kill: () => this.stopChild() }, queryTimeoutMs);
  }

  /** A read-only SQL query over a finished case, run in the child: a runaway query ends the child, not this process. */
  query(caseKey: string, result: CaseResult, sql: string): Promise<CaseQueryResult> {
    return this.queries.query(caseKey, result, sql);
  }

  /** An export of a finished case rendered in the child (a case file is a sql.js database): the server stays responsive. */
  render(caseKey: string, result: CaseResult, request: DocumentExportRequest): Promise<RenderOutcome> {
    return this.queries.render(caseKey, result, request);
  }

  onEvent(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(paths: string[], options?: CaseOptions): JobId {
    const jobId = `job-${this.nextId++}`;
    this.running.set(jobId, paths);
    this.send({ type: 'analyze', jobId, paths, options });
    return jobId;
  }

  cancel(jobId: JobId): void {
    if (this.running.has(jobId)) this.send({ type: 'cancel', jobId });
  }

  /** Resolves with the job's final event (result, error or cancelled). */
  waitFor(jobId: JobId, onProgress?: (e: Extract<JobEvent, { type: 'progress' }>) => void): Promise<JobEvent> {
    return new Promise((resolve) => {
      const off = this.onEvent((e) => {
        if (e.jobId !== jobId) return;
        if (e.type === 'progress') onProgress?.(e);
        else {
          off();
          resolve(e);
        }
      });
    });
  }

  /** Ends the child at once (a runaway query); the next request starts a fresh one. */
  private stopChild(): void {
    if (this.child.stop()) this.childEnded('was stopped');
  }

  /** Everything the ended child was doing fails with the reason, in the user's terms. */
  private childEnded(reason: string): void {
    this.queries.processExited(reason);
    for (const [jobId, paths] of this.running) {
      this.running.delete(jobId);
      const event: JobEvent = { type: 'error', jobId, message: `The analysis process ${reason} while analyzing ${paths.join(', ')}` };
      for (const l of this.listeners) l(event);
    }
  }

  dispose(): void {
    this.queries.dispose();
    this.child.dispose();
  }

  private send(request: JobRequest): void {
    this.child.get().send(request);
  }

  private spawnChild(): ChildProcess {
    const child = fork(join(__dirname, 'analysisProcess.ts'), [], {
      // tsx by absolute URL: a bare `--import tsx` resolves from the cwd, which may be any folder.
      execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href, `--max-old-space-size=${this.heapLimitMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderrTail = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderrTail = (stderrTail + d.toString()).slice(-4000);
    });
    child.on('message', (message) => {
      if (this.queries.receive(message)) return;
      const event = message as JobEvent;
      if (event.type !== 'progress') this.running.delete(event.jobId);
      for (const l of this.listeners) l(event);
    });
    child.on('exit', (code, signal) => {
      if (this.child.exited(child)) this.childEnded(describeExit(code, signal, stderrTail));
    });
    // Node reports a message sent to a child that has just gone, or a child that could not start, as
    // 'error' (a later tick, not a throw); unheard, it would end this process (the server).
    child.on('error', (e) => {
      if (this.child.exited(child)) this.childEnded(`failed (${e.message})`);
    });
    return child;
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  if (/heap out of memory|Allocation failed/i.test(stderrTail)) return 'ran out of memory';
  if (signal) return `was killed (${signal})`;
  const lastLines = stderrTail.trim().split('\n').slice(-3).join(' | ');
  return `exited unexpectedly (code ${code}${lastLines ? `: ${lastLines}` : ''})`;
}
