// Entry of the Electron utility process that runs the analyses: its own V8 heap, so an
// out-of-memory on a multi-GB dump ends this process and the app reports it.
import { serveJobs } from '../../analyzers/app/jobRunner';
import type { JobRequest } from '../../analyzers/app/jobProtocol';

const port = process.parentPort;
serveJobs({
  post: (reply) => port.postMessage(reply),
  onRequest: (handler) => port.on('message', (e) => handler(e.data as JobRequest)),
});
