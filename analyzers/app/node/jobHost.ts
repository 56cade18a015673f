import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { CaseOptions } from '../../ingest/caseOptions';
import type { CaseResult } from '../../case/caseResult';
import type { DocumentExportRequest } from '../../report/renderExport';
import type { JobEvent, JobId } from '../api/appApi';
import { CaseQueryClient } from './caseQueryClient';
import { ChildSlot } from './childSlot';
import type { ExploreAnswer, JobRequest, RenderOutcome } from '../api/jobProtocol';
import type { HeapAnswer, HeapQuery } from '../../heap/viewExplorer';
import type { CaseQueryResult } from '../../case/queryRows';

/** How a host starts its analysis process and talks to it: a Node child process, an Electron utility process. */
export interface JobTransport<C extends { kill(): boolean }> {
  /** Starts a process; it calls `received` with each message and `ended` once, with the reason, when it ends. */
  spawn(events: { received: (message: unknown) => void; ended: (child: C, reason: string) => void }): C;
  post(child: C, request: JobRequest): void;
  /**
   * The host was closed and `child` killed: nothing of it may keep this process alive any longer (the
   * OS frees a big heap before the child's exit is reported: a one-shot CLI would wait for it).
   */
  letGo?(child: C): void;
}

/**
 * How long a cancelled job may take to stop by itself. The analyses check for a cancel between
 * chunks and phases, but one phase can run for seconds on a big input (a heap's cycle search):
 * past this, the cancel is answered anyway, so that it always is within a second.
 */
export const CANCEL_GRACE_MS = 750;

export interface JobHostOptions {
  /** How long a cancelled job may take to notice before it is answered as cancelled (CANCEL_GRACE_MS). */
  cancelGraceMs?: number;
  /** How long a SQL query may run before its process is ended (QUERY_TIMEOUT_MS by default). */
  queryTimeoutMs?: number;
}

interface RunningJob {
  paths: string[];
  cancelTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The host's side of the analysis process, whatever the process is: started on the first request
 * and reused; jobs with progress and cancel (answered within CANCEL_GRACE_MS: a job stuck in one
 * long step is ended with its process when no other job shares it, else left to stop at its next check); SQL queries and export rendering; and when the
 * process dies (out of memory on a multi-GB dump, a crash), every job it was running gets an `error`
 * event naming the files, and the next request starts a fresh process.
 */
export class JobHost<C extends { kill(): boolean }> {
  private readonly child: ChildSlot<C>;
  private readonly running = new Map<JobId, RunningJob>();
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly queries: CaseQueryClient;
  private readonly explores = new Map<string, (answer: HeapAnswer) => void>();
  private nextExplore = 1;

  constructor(
    private readonly transport: JobTransport<C>,
    private readonly options: JobHostOptions = {},
  ) {
    this.child = new ChildSlot(
      () =>
        transport.spawn({
          received: (message) => this.received(message),
          ended: (child, reason) => {
            if (this.child.exited(child)) this.childEnded(reason);
          },
        }),
      transport.letGo?.bind(transport),
    );
    this.queries = new CaseQueryClient({ send: (request) => this.send(request), kill: () => this.stopChild() }, options.queryTimeoutMs);
  }

  /** A read-only SQL query over a finished case, in the process: a runaway query ends it, not the host. */
  query(caseKey: string, result: CaseResult, sql: string, whole = false): Promise<CaseQueryResult> {
    return this.queries.query(caseKey, result, sql, whole);
  }

  /** An export of a finished case rendered in the process (a case file is a sql.js database): the host stays responsive. */
  render(caseKey: string, result: CaseResult, request: DocumentExportRequest): Promise<RenderOutcome> {
    return this.queries.render(caseKey, result, request);
  }

  /**
   * A heap explorer query about a finished job's snapshots, answered by the process that analyzed
   * them from the graphs it keeps (so it goes to this host's process, not a query process). No
   * timeout: every query is one page of work; if the process ends, the answer says so.
   */
  explore(jobId: JobId, query: HeapQuery): Promise<HeapAnswer> {
    const exploreId = `explore-${this.nextExplore++}`;
    if (!this.child.current) return Promise.resolve({ kind: 'error', message: 'The analysis process that loaded these snapshots has ended: analyze the case again to explore them.' });
    return new Promise((resolve) => {
      this.explores.set(exploreId, resolve);
      try {
        this.send({ type: 'explore', exploreId, jobId, query });
      } catch (e) {
        this.explores.delete(exploreId);
        resolve({ kind: 'error', message: `The request could not be sent to the analysis process: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
  }

  /** The case of `jobId` was closed: the process lets its snapshot graphs go (if it is still the latest). */
  release(jobId: JobId): void {
    if (this.child.current) this.send({ type: 'release', jobId });
  }

  onEvent(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(paths: string[], options?: CaseOptions, baselinePaths?: string[]): JobId {
    const jobId = `job-${randomUUID()}`;
    this.running.set(jobId, { paths });
    this.send({ type: 'analyze', jobId, paths, options, ...(baselinePaths?.length && { baselinePaths }) });
    return jobId;
  }

  cancel(jobId: JobId): void {
    const job = this.running.get(jobId);
    if (!job || job.cancelTimer) return;
    this.send({ type: 'cancel', jobId });
    // Cancellation is cooperative (the parsers check between chunks, the analyses between phases).
    // A job still in one long step after the grace is ended with its process when it is alone there;
    // when other jobs share the process, it is answered as cancelled at once and the process drops
    // it at its next check (its late events are not passed on).
    job.cancelTimer = setTimeout(() => {
      if (!this.running.has(jobId)) return;
      const alone = this.running.size === 1;
      // Answered now, not when the process's exit is reported (that can take a while on a loaded machine).
      this.emit({ type: 'cancelled', jobId });
      if (alone) this.stopChild();
    }, this.options.cancelGraceMs ?? CANCEL_GRACE_MS);
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

  dispose(): void {
    this.queries.dispose();
    for (const settle of this.explores.values()) settle({ kind: 'error', message: 'The analysis host was closed.' });
    this.explores.clear();
    for (const job of this.running.values()) clearTimeout(job.cancelTimer);
    this.running.clear();
    this.child.dispose();
  }

  private send(request: JobRequest): void {
    this.transport.post(this.child.get(), request);
  }

  private received(message: unknown): void {
    if (this.queries.receive(message)) return;
    const explored = message as ExploreAnswer;
    if (explored?.type === 'explore-answer') {
      this.explores.get(explored.exploreId)?.(explored.answer);
      this.explores.delete(explored.exploreId);
      return;
    }
    // Only events for jobs this host started are passed on.
    const event = message as JobEvent;
    if (typeof event?.jobId === 'string' && this.running.has(event.jobId)) this.emit(event);
  }

  private emit(event: JobEvent): void {
    if (event.type !== 'progress') {
      clearTimeout(this.running.get(event.jobId)?.cancelTimer);
      this.running.delete(event.jobId);
    }
    for (const listener of this.listeners) listener(event);
  }

  /** Ends the process at once (a runaway query); the next request starts a fresh one. */
  private stopChild(): void {
    if (this.child.stop()) this.childEnded('was stopped');
  }

  /** Everything the ended process was doing ends with the reason, in the user's terms. */
  private childEnded(reason: string): void {
    this.queries.processExited(reason);
    for (const [id, settle] of this.explores) {
      this.explores.delete(id);
      settle({ kind: 'error', message: `The analysis process ${reason}: analyze the case again to explore its snapshots.` });
    }
    for (const [jobId, job] of [...this.running]) {
      this.emit({ type: 'error', jobId, message: `The analysis process ${reason} while analyzing ${job.paths.map((p) => basename(p)).join(', ')}` });
    }
  }
}
