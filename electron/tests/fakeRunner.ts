import type { JobEvent, JobId } from '../../analyzers/app/api/appApi';
import type { CaseOptions } from '../../analyzers/ingest/caseOptions';
import type { AnalysisRunner } from '../main/analysisHost';

/** An analysis runner that records what main asked of it; tests emit its events by hand. */
export class FakeRunner implements AnalysisRunner {
  readonly started: { jobId: JobId; paths: string[]; options?: CaseOptions }[] = [];
  readonly cancelled: JobId[] = [];
  readonly released: JobId[] = [];
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private next = 1;

  start(paths: string[], options?: CaseOptions): JobId {
    const jobId = `job-${this.next++}`;
    this.started.push({ jobId, paths, options });
    return jobId;
  }

  cancel(jobId: JobId): void {
    this.cancelled.push(jobId);
  }

  release(jobId: JobId): void {
    this.released.push(jobId);
  }

  onEvent(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: JobEvent): void {
    for (const l of this.listeners) l(event);
  }

  dispose(): void {}
}
