import type { CaseResult } from '../ingest/caseResult';
import type { CaseQueryResult } from './caseQuery';
import type { QueryAnswer, QueryRequest } from './jobProtocol';
import { RecentCases } from './recentCases';

/** Longer than any useful query over a case; a runaway (an endless WITH RECURSIVE) is stopped then. */
export const QUERY_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(answer: CaseQueryResult): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The host's side of SQL queries run in a process of their own: sql.js cannot be interrupted, so a
 * runaway query is stopped by ending that process, never by blocking the host (Electron's main
 * process, the HTTP server). Shared by the Electron and Node hosts; they supply the transport.
 */
export class CaseQueryClient {
  private readonly pending = new Map<string, Pending>();
  private readonly loaded = new RecentCases<true>();
  private nextId = 1;

  constructor(
    private readonly transport: { send(request: QueryRequest): void; kill(): void },
    private readonly timeoutMs = QUERY_TIMEOUT_MS,
  ) {}

  query(caseKey: string, result: CaseResult, sql: string): Promise<CaseQueryResult> {
    const queryId = `query-${this.nextId++}`;
    const known = this.loaded.get(caseKey) !== undefined;
    this.loaded.set(caseKey, true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(queryId);
        resolve({ status: 'error', message: `The query ran for more than ${this.timeoutMs / 1000} s and was stopped.` });
        this.transport.kill();
      }, this.timeoutMs);
      this.pending.set(queryId, { resolve, timer });
      this.transport.send({ type: 'query', queryId, caseKey, result: known ? undefined : result, sql });
    });
  }

  /** A reply from the query process; false when it was not a query answer. */
  receive(message: unknown): boolean {
    const answer = message as QueryAnswer;
    if (answer?.type !== 'query-answer') return false;
    const pending = this.pending.get(answer.queryId);
    if (pending) {
      clearTimeout(pending.timer);
      this.pending.delete(answer.queryId);
      pending.resolve(answer.answer);
    }
    return true;
  }

  /** The process ended: its cases are gone, and queries still waiting get the reason. */
  processExited(reason: string): void {
    this.loaded.clear();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve({ status: 'error', message: `The query process ${reason}.` });
      this.pending.delete(id);
    }
  }

  dispose(): void {
    this.processExited('was closed');
  }
}
