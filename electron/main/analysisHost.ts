import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';
import type { JobEvent, JobId } from '../../analyzers/app/appApi';
import type { JobRequest } from '../../analyzers/app/jobProtocol';
import type { CaseOptions } from '../../analyzers/ingest/caseOptions';
import { describeUtilityExit } from './utilityExit';
import type { CaseQueryResult } from '../../analyzers/app/caseQuery';
import { CaseQueryClient } from '../../analyzers/app/caseQueryClient';
import type { DocumentExportRequest } from '../../analyzers/report/renderExport';
import type { RenderOutcome } from '../../analyzers/app/jobProtocol';
import { ChildSlot } from '../../analyzers/app/childSlot';
import type { CaseResult } from '../../analyzers/ingest/caseResult';

/** What the rest of main needs from the analysis host (and what the tests fake). */
export interface AnalysisRunner {
  start(paths: string[], options?: CaseOptions): JobId;
  cancel(jobId: JobId): void;
  onEvent(listener: (event: JobEvent) => void): () => void;
  dispose(): void;
}

export interface AnalysisHostOptions {
  /** The bundled utility entry (out/main/analysis.js). */
  entryPath: string;
  /**
   * V8 old-space limit of the utility process. Electron builds V8 with pointer compression, which
   * caps one isolate's heap at 4 GiB whatever is asked; typed-array backing stores (where the heap
   * parser keeps the graph) are outside that heap.
   */
  heapLimitMb?: number;
  /** How long a cancelled job may take to notice before its process is ended. */
  cancelGraceMs?: number;
  /** How long a SQL query may run before its process is ended (QUERY_TIMEOUT_MS by default). */
  queryTimeoutMs?: number;
}

interface RunningJob {
  paths: string[];
  cancelTimer?: ReturnType<typeof setTimeout>;
  killedForCancel?: boolean;
}

const STDERR_TAIL = 8_000;

/**
 * Owns the Electron utility process that runs analyses: main orchestrates, never parses. The
 * process is started on the first job and reused; when it dies (out of memory on a multi-GB dump,
 * a crash), every job it was running gets an `error` event and the next job starts a fresh one.
 */
export class UtilityAnalysisHost implements AnalysisRunner {
  private readonly child = new ChildSlot(() => this.spawnChild());
  private readonly running = new Map<JobId, RunningJob>();
  private readonly listeners = new Set<(event: JobEvent) => void>();

  private readonly queries: CaseQueryClient;

  constructor(private readonly options: AnalysisHostOptions) {
    this.queries = new CaseQueryClient({ send: (request) => this.send(request), kill: () => this.stopChild() }, options.queryTimeoutMs);
  }

  /** A read-only SQL query over a finished case, in the utility process: main never blocks on sql.js. */
  query(caseKey: string, result: CaseResult, sql: string): Promise<CaseQueryResult> {
    return this.queries.query(caseKey, result, sql);
  }

  /** An export of a finished case rendered in the utility process (a case file is a sql.js database). */
  render(caseKey: string, result: CaseResult, request: DocumentExportRequest): Promise<RenderOutcome> {
    return this.queries.render(caseKey, result, request);
  }

  onEvent(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(paths: string[], options?: CaseOptions): JobId {
    const jobId = `job-${randomUUID()}`;
    this.running.set(jobId, { paths });
    this.send({ type: 'analyze', jobId, paths, options });
    return jobId;
  }

  cancel(jobId: JobId): void {
    const job = this.running.get(jobId);
    if (!job || job.cancelTimer) return;
    this.send({ type: 'cancel', jobId });
    // Cancellation is cooperative (the parsers check between chunks); a job stuck in one long step
    // is ended with its process, but only when no other job shares that process.
    job.cancelTimer = setTimeout(() => {
      const child = this.child.current;
      if (!this.running.has(jobId) || this.running.size !== 1 || !child) return;
      job.killedForCancel = true;
      child.kill();
    }, this.options.cancelGraceMs ?? 5_000);
  }

  dispose(): void {
    this.queries.dispose();
    for (const job of this.running.values()) clearTimeout(job.cancelTimer);
    this.running.clear();
    this.child.dispose();
  }

  private send(request: JobRequest): void {
    this.child.get().postMessage(request);
  }

  private emit(event: JobEvent): void {
    if (event.type !== 'progress') {
      clearTimeout(this.running.get(event.jobId)?.cancelTimer);
      this.running.delete(event.jobId);
    }
    for (const listener of this.listeners) listener(event);
  }

  private spawnChild(): UtilityProcess {
    const child = utilityProcess.fork(this.options.entryPath, [], {
      serviceName: 'Aftermath analysis',
      execArgv: [`--max-old-space-size=${this.options.heapLimitMb ?? 4_096}`],
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderrTail = '';
    let fatalLocation: string | undefined;
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL);
    });
    child.on('error', (_type, location) => {
      fatalLocation = location;
    });
    child.on('message', (message: unknown) => {
      if (this.queries.receive(message)) return;
      // Only events for jobs this host started are passed on.
      const event = message as JobEvent;
      if (typeof event?.jobId === 'string' && this.running.has(event.jobId)) this.emit(event);
    });
    child.on('exit', (code) => {
      if (this.child.exited(child)) this.childEnded(describeUtilityExit({ code, fatalLocation, stderrTail }));
    });
    return child;
  }

  /** Ends the process at once (a runaway query); the next request starts a fresh one. */
  private stopChild(): void {
    if (this.child.stop()) this.childEnded('was stopped');
  }

  /** Everything the ended process was doing ends with the reason, in the user's terms. */
  private childEnded(reason: string): void {
    this.queries.processExited(reason);
    for (const [jobId, job] of [...this.running]) {
      if (job.killedForCancel) this.emit({ type: 'cancelled', jobId });
      else {
        const files = job.paths.map((p) => basename(p)).join(', ');
        this.emit({ type: 'error', jobId, message: `The analysis process ${reason} while analyzing ${files}` });
      }
    }
  }
}
