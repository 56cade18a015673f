import type { CaseOptions } from '../../ingest/caseOptions';
import type { CaseResult } from '../../case/caseResult';
import type { DocumentExportRequest, RenderedExport } from '../../report/renderExport';
import type { JobEvent, JobId } from './appApi';
import type { CaseQueryResult } from '../../case/queryRows';
import type { HeapAnswer, HeapQuery } from '../../heap/viewExplorer';

/**
 * A read-only SQL query over a finished case. The case travels only the first time a process
 * sees its key (both sides keep the same few recent cases, see RecentCases).
 */
export interface QueryRequest {
  type: 'query';
  queryId: string;
  caseKey: string;
  result?: CaseResult;
  sql: string;
  /** Every row and whole values (`aftermath query --output json|csv`) instead of the console's caps. */
  whole?: boolean;
}

/**
 * The query process has the case open and starts the statement: the query's deadline runs from
 * here, so that a process's start (and loading the case into it) never counts against a query.
 */
export interface QueryRunning {
  type: 'query-running';
  queryId: string;
}

export interface QueryAnswer {
  type: 'query-answer';
  queryId: string;
  answer: CaseQueryResult;
}

/**
 * An export rendered in the host's export process, one of its own beside the analysis and the query
 * processes (a case file is a sql.js database; a big report takes seconds; a runaway query ends its
 * process, which must not take an export with it): the host only writes the bytes. PDF is printed by
 * the host from the HTML.
 */
export interface RenderRequest {
  type: 'render';
  renderId: string;
  caseKey: string;
  result?: CaseResult;
  request: DocumentExportRequest;
}

export type RenderOutcome = { status: 'ok'; rendered: RenderedExport } | { status: 'error'; message: string };

export interface RenderAnswer {
  type: 'render-answer';
  renderId: string;
  answer: RenderOutcome;
}

/**
 * A question to the heap explorer about the snapshots of a finished job, answered from the graphs
 * the analysis process keeps loaded for the latest case it analysed (not sent with the request).
 */
export interface ExploreRequest {
  type: 'explore';
  exploreId: string;
  jobId: JobId;
  query: HeapQuery;
}

export interface ExploreAnswer {
  type: 'explore-answer';
  exploreId: string;
  answer: HeapAnswer;
}

/**
 * Messages between a host (Electron main, the CLI, the HTTP server) and the analysis process or
 * worker thread. Only file paths go in; only serializable results come out.
 */
export type JobRequest =
  | { type: 'analyze'; jobId: JobId; paths: string[]; options?: CaseOptions; baselinePaths?: string[] }
  | { type: 'cancel'; jobId: JobId }
  /** The case of this job was closed: its snapshot graphs are let go. */
  | { type: 'release'; jobId: JobId }
  | QueryRequest
  | RenderRequest
  | ExploreRequest;

export type JobReply = JobEvent | QueryRunning | QueryAnswer | RenderAnswer | ExploreAnswer;
