import { groupDigits } from '../../core/numberFormat';
import type { JobId } from './appApi';
import { asRecord, checkJobId } from './requestShape';

/** Longer than any query a person types; a forged request with megabytes of SQL is refused. */
export const MAX_QUERY_SQL_CHARS = 10_000;

export interface CaseQueryRequest {
  jobId: JobId;
  sql: string;
}

/** The SQL text of a query that crossed a trust boundary; its content is SQLite's to judge. */
export function parseQuerySql(value: unknown): { sql: string } | { error: string } {
  if (typeof value !== 'string') return { error: 'sql must be a string' };
  if (value.length > MAX_QUERY_SQL_CHARS) return { error: `sql is ${groupDigits(value.length)} characters; at most ${groupDigits(MAX_QUERY_SQL_CHARS)} are accepted` };
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
