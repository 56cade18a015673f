import type { JobId } from './appApi';
import { asRecord, checkJobId } from './requestShape';

/** Longer than any query a person types; a forged request with megabytes of SQL is refused. */
export const MAX_QUERY_SQL_CHARS = 10_000;

export type CaseQueryCell = string | number | null;

/** Rows of one read-only query over a finished job's case tables (see docs/case.md, "SQL console"). */
export interface CaseQueryRows {
  columns: string[];
  rows: CaseQueryCell[][];
  /** More rows matched than were returned (the cap is MAX_QUERY_ROWS in analyzers/case/queryCase.ts). */
  truncated: boolean;
  /** Text values longer than the per-cell cap, shortened and marked with their full length. */
  cutValues: number;
}

/** What a host answers: the rows, or why SQLite or the console refused the query, as a value to show. */
export type CaseQueryResult = ({ status: 'ok' } & CaseQueryRows) | { status: 'error'; message: string };

export interface CaseQueryRequest {
  jobId: JobId;
  sql: string;
}

/** The SQL text of a query that crossed a trust boundary; its content is SQLite's to judge. */
export function parseQuerySql(value: unknown): { sql: string } | { error: string } {
  if (typeof value !== 'string') return { error: 'sql must be a string' };
  if (value.length > MAX_QUERY_SQL_CHARS) return { error: `sql is ${value.length} characters; at most ${MAX_QUERY_SQL_CHARS} are accepted` };
  return { sql: value };
}

/** The HTTP body of a query: `{ jobId, sql }`, nothing else. Whether the job exists is the host's check. */
export function parseCaseQueryRequest(value: unknown): { request: CaseQueryRequest } | { error: string } {
  const obj = asRecord(value, 'query request', ['jobId', 'sql']);
  if ('error' in obj) return obj;
  const jobId = checkJobId(obj.value.jobId);
  if ('error' in jobId) return jobId;
  const parsed = parseQuerySql(obj.value.sql);
  if ('error' in parsed) return parsed;
  return { request: { jobId: jobId.value, sql: parsed.sql } };
}
