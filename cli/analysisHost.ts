import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { JobHost, type JobTransport } from '../analyzers/app/node/jobHost';
import { analysisEnv } from '../analyzers/app/node/analysisEnv';
import { describeExit, stderrTail } from '../analyzers/app/node/processExit';
import { analysisProcessScript } from './scriptLocations';

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
