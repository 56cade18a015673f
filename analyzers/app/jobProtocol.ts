import type { CaseOptions } from '../ingest/caseOptions';
import type { JobEvent, JobId } from './appApi';

/**
 * Messages between a host (Electron main, the CLI, the HTTP server) and the analysis process or
 * worker thread. Only file paths go in; only serializable results come out.
 */
export type JobRequest = { type: 'analyze'; jobId: JobId; paths: string[]; options?: CaseOptions } | { type: 'cancel'; jobId: JobId };

export type JobReply = JobEvent;
