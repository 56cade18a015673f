// Entry of the Electron utility process that runs the analyses: its own V8 heap, so an
// out-of-memory on a multi-GB dump ends this process and the app reports it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveJobs } from '../../analyzers/app/node/jobRunner';
import type { JobRequest } from '../../analyzers/app/api/jobProtocol';

const port = process.parentPort;
serveJobs(
  {
    post: (reply) => port.postMessage(reply),
    onRequest: (handler) => port.on('message', (e) => handler(e.data as JobRequest)),
  },
  // electron-vite builds the heap's helper threads as entries of their own beside this one.
  {
    heapIndexes: { url: pathToFileURL(join(__dirname, 'graphIndexWorker.js')) },
    heapParse: { url: pathToFileURL(join(__dirname, 'parseWorker.js')) },
    heapCycles: { url: pathToFileURL(join(__dirname, 'cycleSearchWorker.js')) },
  },
);
