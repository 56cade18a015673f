import type { CaseResult } from '../../case/caseResult';
import type { QueryAnswer, QueryRunning, RenderAnswer, RenderOutcome, RenderRequest, QueryRequest } from '../api/jobProtocol';
import { RecentCases } from './recentCases';
import type { CaseQueryResult } from '../../case/queryRows';

/**
 * Longer than any useful query over a case; a runaway (an endless WITH RECURSIVE) is stopped then.
 * Counted from when the process starts the statement (`query-running`), not from the request.
 */
export const QUERY_TIMEOUT_MS = 10_000;
/** Starting the query process and loading the case into it: a process that takes longer is stuck. */
export const QUERY_START_TIMEOUT_MS = 120_000;
/** Longer than rendering the biggest case file or report takes; a process stuck longer is ended. */
export const RENDER_TIMEOUT_MS = 300_000;

/** The error shape every answer type shares (CaseQueryResult, RenderOutcome). */
type FailedAnswer = { status: 'error'; message: string };

interface Pending {
  settle(answer: unknown): void;
  /** `reason` completes "The query process …" / "The export process …". */
  fail(reason: string): void;
  timer: ReturnType<typeof setTimeout>;
  /** The process started the work: the work's own deadline starts (queries). */
  running?(): void;
}

/**
 * The host's side of the work done over a finished case in a process of its own — SQL queries and
 * export rendering: sql.js cannot be interrupted and a case file takes seconds to write, so neither
 * ever blocks the host (Electron's main process, the HTTP server); a runaway is stopped by ending
 * that process. Shared by the Electron and Node hosts; they supply the transport.
 */
export class CaseQueryClient {
  private readonly pending = new Map<string, Pending>();
  private readonly loaded = new RecentCases<true>();
  private nextId = 1;

  constructor(
    private readonly transport: { send(request: QueryRequest | RenderRequest): void; kill(): void },
    private readonly timeoutMs = QUERY_TIMEOUT_MS,
    private readonly renderTimeoutMs = RENDER_TIMEOUT_MS,
    private readonly startTimeoutMs = QUERY_START_TIMEOUT_MS,
  ) {}

  query(caseKey: string, result: CaseResult, sql: string, whole = false): Promise<CaseQueryResult> {
    return this.ask<CaseQueryResult>(caseKey, result, {
      timeoutMs: this.timeoutMs,
      timeoutMessage: `The query ran for more than ${this.timeoutMs / 1000} s and was stopped.`,
      start: { timeoutMs: this.startTimeoutMs, timeoutMessage: `The query process did not start the query within ${this.startTimeoutMs / 1000} s and was stopped.` },
      process: 'query',
      build: (id, caseResult) => ({ type: 'query', queryId: id, caseKey, result: caseResult, sql, whole }),
    });
  }

  render(caseKey: string, result: CaseResult, request: RenderRequest['request']): Promise<RenderOutcome> {
    return this.ask<RenderOutcome>(caseKey, result, {
      timeoutMs: this.renderTimeoutMs,
      timeoutMessage: `Rendering the export took more than ${this.renderTimeoutMs / 1000} s and was stopped.`,
      process: 'export',
      build: (id, caseResult) => ({ type: 'render', renderId: id, caseKey, result: caseResult, request }),
    });
  }

  /** A reply from the process; false when it was not an answer to a query or a render. */
  receive(message: unknown): boolean {
    const running = message as QueryRunning;
    if (running?.type === 'query-running') {
      this.pending.get(running.queryId)?.running?.();
      return true;
    }
    const answer = message as QueryAnswer | RenderAnswer;
    const id = answer?.type === 'query-answer' ? answer.queryId : answer?.type === 'render-answer' ? answer.renderId : undefined;
    if (id === undefined) return false;
    const pending = this.pending.get(id);
    if (pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.settle(answer.answer);
    }
    return true;
  }

  /** The process ended: its cases are gone, and requests still waiting get the reason. */
  processExited(reason: string): void {
    this.loaded.clear();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.fail(reason);
    }
  }

  dispose(): void {
    this.processExited('was closed');
  }

  /**
   * Sends a request (with the case only the first time the process sees its key) and waits for its
   * answer; on a timeout, or when the process ends, the answer is an error saying why.
   */
  private ask<A>(
    caseKey: string,
    result: CaseResult,
    how: {
      timeoutMs: number;
      timeoutMessage: string;
      /** When given, `timeoutMs` runs from the process's `running` signal; until then this deadline does. */
      start?: { timeoutMs: number; timeoutMessage: string };
      /** What the user calls the process, in error messages. */
      process: 'query' | 'export';
      build: (id: string, result: CaseResult | undefined) => QueryRequest | RenderRequest;
    },
  ): Promise<A | FailedAnswer> {
    const failure = (message: string): FailedAnswer => ({ status: 'error', message });
    const id = `request-${this.nextId++}`;
    const known = this.loaded.get(caseKey) !== undefined;
    this.loaded.set(caseKey, true);
    return new Promise((resolve) => {
      const expire = (message: string) => () => {
        this.pending.delete(id);
        resolve(failure(message));
        this.transport.kill();
      };
      const first = how.start ?? how;
      const pending: Pending = {
        settle: (answer) => resolve(answer as A),
        fail: (reason) => resolve(failure(`The ${how.process} process ${reason}.`)),
        timer: setTimeout(expire(first.timeoutMessage), first.timeoutMs),
      };
      if (how.start) {
        pending.running = () => {
          clearTimeout(pending.timer);
          pending.timer = setTimeout(expire(how.timeoutMessage), how.timeoutMs);
        };
      }
      this.pending.set(id, pending);
      try {
        this.transport.send(how.build(id, known ? undefined : result));
      } catch (e) {
        // Nothing reached the process (it could not start, or the request could not be cloned):
        // no timer may outlive this request, and every case is sent again next time.
        clearTimeout(pending.timer);
        this.pending.delete(id);
        this.loaded.clear();
        resolve(failure(`The request could not be sent to the ${how.process} process: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  }
}
