import { fork, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { JobHost, type JobTransport } from '../analyzers/app/node/jobHost';
import { analysisEnv } from '../analyzers/app/node/analysisEnv';
import { describeExit, stderrTail } from '../analyzers/app/node/processExit';
import type { JobRequest } from '../analyzers/app/api/jobProtocol';
import { CLI_THREADS } from './helperThreads';
import { analysisProcessScript, loadInProcessJobs } from './scriptLocations';

/** Heap limit of the analysis child: big dumps need far more than Node's default. */
const CHILD_HEAP_MB = 16_384;

/** The CLI's and `aftermath serve`'s analysis process: a Node child, compiled or from the sources. */
function childProcessTransport(heapLimitMb: number): JobTransport<ChildProcess> {
  return {
    spawn: ({ received, ended }) => {
      const child = fork(analysisProcessScript.path, [], {
        execArgv: [...analysisProcessScript.execArgv, `--max-old-space-size=${heapLimitMb}`],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
        env: analysisEnv(),
      });
      const tail = stderrTail();
      child.stderr?.on('data', (d: Buffer) => tail.add(d));
      child.on('message', received);
      child.on('exit', (code, signal) => ended(child, describeExit({ code, signal, stderrTail: tail.text })));
      // Node reports a message sent to a child that has just gone, or a child that could not start, as
      // 'error' (a later tick, not a throw); unheard, it would end this process (the server).
      child.on('error', (e) => ended(child, `failed (${e.message})`));
      return child;
    },
    post: (child, request) => child.send(request),
    // Killed, the child still holds this process by its handle, its stderr pipe and its IPC channel
    // until the OS has freed its heap (0.1 s for a 300 MB snapshot's, more for bigger ones).
    letGo: (child) => {
      child.unref();
      // A piped stdio stream is a socket (typed as any Readable).
      (child.stderr as Socket | null)?.unref();
      child.channel?.unref();
    },
  };
}

/** The job host over a Node child process (see JobHost). */
export class AnalysisHost extends JobHost<ChildProcess> {
  /** `heapLimitMb` and `queryTimeoutMs` exist for the tests of an out-of-memory child and a runaway query. */
  constructor(heapLimitMb = CHILD_HEAP_MB, queryTimeoutMs?: number) {
    super(childProcessTransport(heapLimitMb), { queryTimeoutMs });
  }
}

/** The analyses running in this process: `kill` can only stop listening to them (see `inProcessHost`). */
interface InProcessJobs {
  kill(): boolean;
  deliver(request: JobRequest): void;
}

/**
 * A host whose jobs run in this process, for inputs small enough that starting a child costs more
 * than analyzing them (a 1 KB file: ~0.1 s of its ~0.4 s). The same job runner as the child's, so
 * the same results; requests and replies cross a turn of the event loop, as they would a channel.
 */
export async function inProcessHost(): Promise<JobHost<InProcessJobs>> {
  const { serveJobs } = await loadInProcessJobs();
  return new JobHost<InProcessJobs>({
    spawn: ({ received, ended }) => {
      let handler: ((request: JobRequest) => void) | undefined;
      let live = true;
      serveJobs({ post: (reply) => void (live && setImmediate(() => received(reply))), onRequest: (h) => (handler = h) }, CLI_THREADS);
      const jobs: InProcessJobs = {
        kill: () => {
          if (!live) return false;
          live = false;
          setImmediate(() => ended(jobs, 'was stopped'));
          return true;
        },
        deliver: (request) => handler?.(request),
      };
      return jobs;
    },
    post: (jobs, request) => void setImmediate(() => jobs.deliver(request)),
  });
}

/** Inputs up to this size in all are analyzed in the CLI's own process (the analysis takes less than a child's start). */
const IN_PROCESS_MAX_BYTES = 1024 * 1024;

/** The analysis host of a CLI command: its own process for small inputs, else a child process (see `inProcessHost`). */
export type CliHost = Pick<JobHost<{ kill(): boolean }>, 'start' | 'cancel' | 'waitFor' | 'dispose'>;

/**
 * The host for analyzing `files`: in this process when they add up to at most a MiB on disk (a
 * compressed one inflates up to --max-inflate-ratio times, still small for this process's heap), else
 * a child process with the heap big dumps need. A file that cannot be read goes to the child, whose
 * analysis names it.
 */
export async function hostFor(files: readonly string[]): Promise<CliHost> {
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => (s.isFile() ? s.size : Infinity), () => Infinity)));
  return sizes.reduce((a, b) => a + b, 0) <= IN_PROCESS_MAX_BYTES ? inProcessHost() : new AnalysisHost();
}
