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
