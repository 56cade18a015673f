// Entry of the analysis child process used by the CLI and `aftermath serve`: a process of its own,
// so that an out-of-memory on a multi-GB dump ends this child, not the server or the CLI.
import { serveJobs } from '../analyzers/app/node/jobRunner';
import type { JobRequest } from '../analyzers/app/api/jobProtocol';
import { CLI_THREADS } from './helperThreads';

if (!process.send) throw new Error('analysisProcess must be started with an IPC channel (child_process.fork)');
const send = process.send.bind(process);

serveJobs(
  {
    post: (reply) => send(reply),
    onRequest: (handler) => process.on('message', (message) => handler(message as JobRequest)),
  },
  CLI_THREADS,
);
process.on('disconnect', () => process.exit(0));
