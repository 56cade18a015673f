import type { HelperThreads } from '../../core/helperThreads';
import { CancelledError } from '../../core/inputError';
import { throttleProgress } from '../../core/progress';
import { compareCases } from '../../gate/compareCases';
import { runCase } from '../../pipeline/runCase';
import { LoadedInputCache } from '../../pipeline/loadedInputCache';
import type { JobId } from '../api/appApi';
import type { ExploreRequest, JobReply, JobRequest, QueryRequest, RenderOutcome, RenderRequest } from '../api/jobProtocol';
import { HeapExplorer } from '../../heap/explorer/heapExplorer';
import type { HeapAnswer } from '../../heap/viewExplorer';
import type { HeapSnapshot } from '../../heap/heapSnapshot';
import type { LoadedInput } from '../../ingest/capability';
import { renderExport } from '../../report/renderExport';
import { RecentCases } from './recentCases';
import { answerCaseQuery, DISPLAY_LIMITS, WHOLE_ANSWER } from '../../case/queryCase';
import { loadNodeSqlJs } from '../../case/nodeSqlJs';
import type { CaseResult } from '../../case/caseResult';
import type { CaseQueryResult } from '../../case/queryRows';

/** The two ends every transport offers: a worker thread's parentPort, Electron's utility parentPort. */
export interface JobChannel {
  post(reply: JobReply): void;
  onRequest(handler: (request: JobRequest) => void): void;
}

/**
 * Runs analysis jobs for whichever process hosts it (worker thread or Electron utility process),
 * so the pipeline and its progress/cancel semantics are the same in the app, the CLI and the server.
 * `threads` names the helper-thread scripts as that host was built.
 */
export function serveJobs(channel: JobChannel, threads?: HelperThreads): void {
  const running = new Map<JobId, AbortController>();
  const cases = new RecentCases<CaseResult>();
  // One case at a time per analysis process: adding a file re-analyzes without parsing the others again.
  const inputs = new LoadedInputCache();
  const baselineInputs = new LoadedInputCache();
  // The heap explorer of the latest case: its snapshots' graphs as loaded (the cache's own artifacts).
  let latestJob: JobId | undefined;
  let explored: { jobId: JobId; explorer?: HeapExplorer } | undefined;
  channel.onRequest((request) => {
    if (request.type === 'cancel') {
      running.get(request.jobId)?.abort();
      return;
    }
    if (request.type === 'release') {
      // Closing the latest case lets its graphs go (the explorer's and the input cache's).
      if (request.jobId === latestJob) {
        explored = undefined;
        inputs.retain([]);
      }
      return;
    }
    if (request.type === 'explore') {
      void answerExplore(request, explored).then((answer) => channel.post({ type: 'explore-answer', exploreId: request.exploreId, answer }));
      return;
    }
    // answerQuery and answerRender never reject: a failure is an error outcome posted like any answer.
    if (request.type === 'query') {
      // A turn of the event loop after the post: the signal is written out before the statement can block.
      const running = () => {
        channel.post({ type: 'query-running', queryId: request.queryId });
        return new Promise<void>((resolve) => setImmediate(resolve));
      };
      void answerQuery(request, cases, running).then((answer) => channel.post({ type: 'query-answer', queryId: request.queryId, answer }));
      return;
    }
    if (request.type === 'render') {
      void answerRender(request, cases).then((answer) => channel.post({ type: 'render-answer', renderId: request.renderId, answer }));
      return;
    }
    const { jobId, paths, options, baselinePaths } = request;
    const controller = new AbortController();
    running.set(jobId, controller);
    const onProgress = throttleProgress((progress) => channel.post({ type: 'progress', jobId, progress }));
    latestJob = jobId;
    explored = undefined;
    let explorer: HeapExplorer | undefined;
    const onLoaded = (capabilityId: string, loaded: readonly LoadedInput<unknown>[]) => {
      if (capabilityId === 'heap') explorer = new HeapExplorer(loaded as readonly LoadedInput<HeapSnapshot>[], threads?.heapIndexes);
    };
    const context = { onProgress, signal: controller.signal, options, threads };
    runCase(paths, { ...context, cache: inputs, onLoaded })
      .then(async (result) => (baselinePaths?.length ? withRegression(result, await runCase(baselinePaths, { ...context, cache: baselineInputs })) : result))
      .then((result) => {
        if (jobId === latestJob) explored = { jobId, explorer };
        channel.post({ type: 'result', jobId, result });
      })
      .catch((e: unknown) => {
        if (e instanceof CancelledError || controller.signal.aborted) channel.post({ type: 'cancelled', jobId });
        else channel.post({ type: 'error', jobId, message: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => running.delete(jobId));
  });
}

/**
 * The case compared with its baseline as `aftermath gate` compares them (default limits), when they
 * share a figure. Baseline files that could not be read are the case's failures too, so that a
 * comparison with part of the baseline never passes for the whole.
 */
function withRegression(result: CaseResult, baseline: CaseResult): CaseResult {
  const gate = compareCases(baseline, result);
  const failures = [...result.failures, ...baseline.failures.map((f) => ({ file: f.file, message: `Baseline: ${f.message}` }))];
  return { ...result, failures, views: gate.figures.length ? { ...result.views, regression: gate } : result.views };
}

/** The case a query or render is about: sent with the request the first time, remembered after. */
function caseOf(request: QueryRequest | RenderRequest, cases: RecentCases<CaseResult>): CaseResult | undefined {
  if (request.result) cases.set(request.caseKey, request.result);
  return cases.get(request.caseKey);
}

async function answerRender(request: RenderRequest, cases: RecentCases<CaseResult>): Promise<RenderOutcome> {
  const result = caseOf(request, cases);
  if (!result) return { status: 'error', message: 'The case is no longer loaded in the export process: export again.' };
  try {
    return { status: 'ok', rendered: await renderExport(result, request.request) };
  } catch (e) {
    return { status: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

async function answerQuery(request: QueryRequest, cases: RecentCases<CaseResult>, onRunning: () => Promise<void>): Promise<CaseQueryResult> {
  const result = caseOf(request, cases);
  if (!result) return { status: 'error', message: 'The case is no longer loaded in the query process: run the query again.' };
  try {
    return await answerCaseQuery(result, request.sql, loadNodeSqlJs, request.whole ? WHOLE_ANSWER : DISPLAY_LIMITS, onRunning);
  } catch (e) {
    return { status: 'error', message: `The query failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Never rejects: a failure is an error answer. */
async function answerExplore(request: ExploreRequest, explored: { jobId: JobId; explorer?: HeapExplorer } | undefined): Promise<HeapAnswer> {
  if (explored?.jobId !== request.jobId) {
    return { kind: 'error', message: 'The snapshots of this case are no longer loaded in the analysis process (another case was analyzed since, or the process was restarted): analyze the case again to explore them.' };
  }
  if (!explored.explorer) return { kind: 'error', message: 'This case has no heap snapshot loaded to explore (a saved case keeps the findings and views, not the graphs: open the snapshots themselves).' };
  try {
    return await explored.explorer.answer(request.query);
  } catch (e) {
    return { kind: 'error', message: `The heap query failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
