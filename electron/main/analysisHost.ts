import { utilityProcess, type UtilityProcess } from 'electron';
import type { JobEvent, JobId } from '../../analyzers/app/api/appApi';
import { JobHost, type JobHostOptions, type JobTransport } from '../../analyzers/app/node/jobHost';
import { analysisEnv } from '../../analyzers/app/node/analysisEnv';
import { describeExit, stderrTail } from '../../analyzers/app/node/processExit';
import type { CaseOptions } from '../../analyzers/ingest/caseOptions';

/** What the rest of main needs from the analysis host (and what the tests fake). */
export interface AnalysisRunner {
  start(paths: string[], options?: CaseOptions, baselinePaths?: string[]): JobId;
  cancel(jobId: JobId): void;
  /** The job's case was closed: the analysis process lets its snapshot graphs go. */
  release(jobId: JobId): void;
  onEvent(listener: (event: JobEvent) => void): () => void;
  dispose(): void;
}

export interface AnalysisHostOptions extends JobHostOptions {
  /** The bundled utility entry (out/main/analysis.js). */
  entryPath: string;
  /**
   * V8 old-space limit of the utility process. Electron builds V8 with pointer compression, which
   * caps one isolate's heap at 4 GiB whatever is asked; typed-array backing stores (where the heap
   * parser keeps the graph) are outside that heap.
   */
  heapLimitMb?: number;
}

/** Main's analysis process: an Electron utility process running the bundled entry (its stderr echoed). */
function utilityTransport(options: AnalysisHostOptions): JobTransport<UtilityProcess> {
  return {
    spawn: ({ received, ended }) => {
      const child = utilityProcess.fork(options.entryPath, [], {
        serviceName: 'Aftermath analysis',
        execArgv: [`--max-old-space-size=${options.heapLimitMb ?? 4_096}`],
        stdio: ['ignore', 'inherit', 'pipe'],
        env: analysisEnv(),
      });
      const tail = stderrTail();
      let fatalLocation: string | undefined;
      child.stderr?.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        tail.add(chunk);
      });
      child.on('error', (_type, location) => {
        fatalLocation = location;
      });
      child.on('message', received);
      child.on('exit', (code) => ended(child, describeExit({ code, fatalLocation, stderrTail: tail.text })));
      return child;
    },
    post: (child, request) => child.postMessage(request),
  };
}

/**
 * Owns the Electron utility process that runs analyses, queries and exports: main orchestrates,
 * never parses (see JobHost for the life of the process and its jobs).
 */
export class UtilityAnalysisHost extends JobHost<UtilityProcess> implements AnalysisRunner {
  constructor(options: AnalysisHostOptions) {
    super(utilityTransport(options), options);
  }
}
