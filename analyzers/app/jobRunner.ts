import { CancelledError } from '../core/inputError';
import { throttleProgress } from '../core/progress';
import { runCase } from '../ingest/runCase';
import type { JobId } from './appApi';
import type { JobReply, JobRequest } from './jobProtocol';

/** The two ends every transport offers: a worker thread's parentPort, Electron's utility parentPort. */
export interface JobChannel {
  post(reply: JobReply): void;
  onRequest(handler: (request: JobRequest) => void): void;
}

/**
 * Runs analysis jobs for whichever process hosts it (worker thread or Electron utility process),
 * so the pipeline and its progress/cancel semantics are the same in the app, the CLI and the server.
 */
export function serveJobs(channel: JobChannel): void {
  const running = new Map<JobId, AbortController>();
  channel.onRequest((request) => {
    if (request.type === 'cancel') {
      running.get(request.jobId)?.abort();
      return;
    }
    const { jobId, paths, options } = request;
    const controller = new AbortController();
    running.set(jobId, controller);
    const onProgress = throttleProgress((progress) => channel.post({ type: 'progress', jobId, progress }));
    runCase(paths, { onProgress, signal: controller.signal, options })
      .then((result) => channel.post({ type: 'result', jobId, result }))
      .catch((e: unknown) => {
        if (e instanceof CancelledError || controller.signal.aborted) channel.post({ type: 'cancelled', jobId });
        else channel.post({ type: 'error', jobId, message: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => running.delete(jobId));
  });
}
