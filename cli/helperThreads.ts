import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HelperThreads } from '../analyzers/core/helperThreads';

// The CLI's analysis process runs the TypeScript sources under tsx: so do its helper threads, through tsx's
// require hook (a worker thread does not take over the --import loader of its process).
export const CLI_THREADS: HelperThreads = {
  heapIndexes: {
    url: pathToFileURL(join(__dirname, '../analyzers/heap/graphIndexWorker.ts')),
    execArgv: ['--require', require.resolve('tsx/cjs')],
  },
};

