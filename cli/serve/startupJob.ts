import type { JobEvent, JobId } from '../../analyzers/app/api/appApi';
import type { CaseOptions } from '../../analyzers/ingest/caseOptions';

/**
 * The analysis of the files named on `aftermath serve`'s command line, started with the server: it
 * runs while the user opens the page, instead of after the page has loaded, asked for the job and the
 * analysis process has started (about a second and a half on a 300 MB snapshot). A page that asks for
 * just these files, with no options and no baseline, gets this job instead of a new one; a page that
 * connects late is sent the job's latest event, the result if it has ended. That holds while this is
 * the host's latest job (its process keeps only the latest case's graphs for the heap explorer) and
 * it has not failed, been cancelled or closed.
 */
export class StartupJob {
  private latest: JobEvent | undefined;
  private live = true;

  constructor(
    readonly jobId: JobId,
    private readonly fileIds: readonly string[],
  ) {}

  /** Each event of the host; this job's latest one is kept for the pages that connect later. */
  observe(event: JobEvent): void {
    if (event.jobId !== this.jobId) return;
    this.latest = event;
    if (event.type === 'error' || event.type === 'cancelled') this.live = false;
  }

  /** This job, when a page asks for what it is analyzing; undefined when the page asks for something else. */
  adopt(fileIds: readonly string[], options: CaseOptions, baselineFileIds: readonly string[]): JobId | undefined {
    const same = fileIds.length === this.fileIds.length && fileIds.every((id, i) => id === this.fileIds[i]);
    return this.live && same && Object.keys(options).length === 0 && baselineFileIds.length === 0 ? this.jobId : undefined;
  }

  /** Another job started in the host's process, or this case was closed: a page gets a job of its own from now on. */
  supersede(): void {
    this.live = false;
  }

  /** What a page connecting now has missed of this job (undefined once it no longer stands). */
  missed(): JobEvent | undefined {
    return this.live ? this.latest : undefined;
  }
}
