import type { JobEvent, JobId } from '../../analyzers/app/api/appApi';
import type { CaseOptions } from '../../analyzers/ingest/caseOptions';
import type { CaseResult } from '../../analyzers/case/caseResult';
import type { AnalysisRunner } from './analysisHost';

/** A window, by its webContents id. */
export type OwnerId = number;

/** Results kept per window for export: the current one and a couple before it. */
const RESULTS_PER_OWNER = 3;

/**
 * Which window started which job: events go only to that window, and a window may cancel or export
 * only its own jobs. A window analyzes one case at a time, so starting a job cancels its previous one
 * (the UI re-analyzes the whole case when files or options change).
 */
export class WindowJobs {
  /** Every job a window started (finished ones too, so a late cancel is not mistaken for a forged id). */
  private readonly jobs = new Map<JobId, { owner: OwnerId; running: boolean }>();
  private readonly results = new Map<OwnerId, { jobId: JobId; result: CaseResult }[]>();

  constructor(
    private readonly runner: AnalysisRunner,
    private readonly deliver: (owner: OwnerId, event: JobEvent) => void,
  ) {
    runner.onEvent((event) => {
      const job = this.jobs.get(event.jobId);
      if (!job) return;
      if (event.type !== 'progress') job.running = false;
      if (event.type === 'result') this.keepResult(job.owner, event.jobId, event.result);
      this.deliver(job.owner, event);
    });
  }

  start(owner: OwnerId, paths: string[], options?: CaseOptions, baselinePaths?: string[]): JobId {
    for (const [jobId, job] of this.jobs) if (job.owner === owner && job.running) this.runner.cancel(jobId);
    const jobId = this.runner.start(paths, options, baselinePaths);
    this.jobs.set(jobId, { owner, running: true });
    return jobId;
  }

  /** False when the job is not this window's (unknown, or another window's). */
  cancel(owner: OwnerId, jobId: JobId): boolean {
    const job = this.jobs.get(jobId);
    if (job?.owner !== owner) return false;
    if (job.running) this.runner.cancel(jobId);
    return true;
  }

  /** The window closed the job's case; false when the job is not this window's. */
  release(owner: OwnerId, jobId: JobId): boolean {
    if (this.jobs.get(jobId)?.owner !== owner) return false;
    this.runner.release(jobId);
    return true;
  }

  result(owner: OwnerId, jobId: JobId): CaseResult | undefined {
    return this.results.get(owner)?.find((r) => r.jobId === jobId)?.result;
  }

  latest(owner: OwnerId): { jobId: JobId; result: CaseResult } | undefined {
    return this.results.get(owner)?.at(-1);
  }

  /** The window closed: stop its jobs and drop its results. */
  forget(owner: OwnerId): void {
    for (const [jobId, job] of this.jobs) {
      if (job.owner !== owner) continue;
      if (job.running) this.runner.cancel(jobId);
      this.runner.release(jobId);
      this.jobs.delete(jobId);
    }
    this.results.delete(owner);
  }

  private keepResult(owner: OwnerId, jobId: JobId, result: CaseResult): void {
    const kept = [...(this.results.get(owner) ?? []), { jobId, result }].slice(-RESULTS_PER_OWNER);
    this.results.set(owner, kept);
  }
}
