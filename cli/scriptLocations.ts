import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ThreadScript } from '../analyzers/core/helperThreads';
import type * as InProcessJobs from './inProcessJobs';

// Set to true by esbuild's `define` when scripts/cliBundle.mjs compiles the CLI into dist/; absent when
// the TypeScript sources run under tsx.
declare const AFTERMATH_COMPILED: boolean | undefined;
const compiled = typeof AFTERMATH_COMPILED !== 'undefined' && AFTERMATH_COMPILED;

/**
 * Where the CLI's analysis child process and the heap's helper threads start from: beside this file in
 * the compiled bundle, or from the sources through tsx (a worker thread does not take over its process's
 * --import loader, so the threads get tsx's require hook).
 */
export const analysisProcessScript = compiled
  ? { path: join(__dirname, 'analysisProcess.cjs'), execArgv: [] }
  : // tsx by absolute URL: a bare `--import tsx` resolves from the cwd, which may be any folder.
    { path: join(__dirname, 'analysisProcess.ts'), execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href] };

/** The analyses for a run inside the CLI's own process (`inProcessHost`), loaded only then. */
export const loadInProcessJobs = (): Promise<typeof InProcessJobs> =>
  compiled ? Promise.resolve(createRequire(__filename)(join(__dirname, 'inProcessJobs.cjs')) as typeof InProcessJobs) : import(pathToFileURL(join(__dirname, 'inProcessJobs.ts')).href);

const threadScript = (name: string): ThreadScript =>
  compiled
    ? { url: pathToFileURL(join(__dirname, `${name}.cjs`)) }
    : { url: pathToFileURL(join(__dirname, `../analyzers/heap/${name}.ts`)), execArgv: ['--require', require.resolve('tsx/cjs')] };

export const graphIndexScript = threadScript('graphIndexWorker');
export const parseScript = threadScript('parseWorker');
export const cycleSearchScript = threadScript('cycleSearchWorker');
