import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelTicks } from '../../core/cancelPoint';
import type { ThreadScript } from '../../core/helperThreads';
import { CancelledError } from '../../core/inputError';
import type { LoadedInput } from '../../ingest/capability';
import { countCycles, detectCycles } from '../cycleDetection';
import { cycleScope, type CycleScope } from '../cycleScope';
import { CycleSearchThread } from '../cycleSearchThread';
import { CycleSearches } from '../cycleSearches';
import type { HeapSnapshot } from '../heapSnapshot';
import { loadFile, loadSample, samplePath, SAMPLE_NAMES } from './fixtures';

/** The worker entry from the sources, loaded through tsx's require hook as the CLI host does it. */
const SCRIPT: ThreadScript = {
  url: pathToFileURL(join(__dirname, '../cycleSearchWorker.ts')),
  execArgv: ['--require', require.resolve('tsx/cjs')],
};
const scriptOf = (code: string): ThreadScript => ({ url: new URL(`data:text/javascript,${encodeURIComponent(code)}`) });
const ticks = () => new CancelTicks(undefined);

let inputs: LoadedInput<HeapSnapshot>[];
let scope: CycleScope;
beforeAll(async () => {
  inputs = await Promise.all(SAMPLE_NAMES.map(loadSample));
  scope = cycleScope(inputs.map((i) => i.artifact.parsed.summary));
});

/** Each snapshot's cycles found with the components from `thread`, as the analysis asks for them. */
async function searchEach(thread: CycleSearchThread) {
  const reports = [];
  for (const { artifact } of inputs) reports.push(await detectCycles(artifact.model!, scope, { ticks: ticks(), search: (input, count) => thread.search(input, count, ticks()) }));
  return reports;
}

describe('the cycle search on a helper thread', () => {
  it('posted ahead of the last snapshot\'s indexes (the set parsed only), finds and counts what the search here does, each search once', async () => {
    const parsed = await Promise.all(SAMPLE_NAMES.map((name) => loadFile(samplePath(name), SAMPLE_NAMES.length - 1)));
    const models = parsed.map((i) => i.artifact.parsed);
    const ahead = CycleSearches.ahead(models, SCRIPT, undefined, 0);
    if (!ahead) throw new Error('no thread for the searches');
    try {
      expect(ahead.scope).toEqual(scope);
      const last = await parsed[2].artifact.index();
      const found = await detectCycles(last, scope, { search: ahead.searchOf(last) });
      const counted = await Promise.all(models.slice(0, 2).map((m) => countCycles(m, scope, { search: ahead.searchOf(m) })));
      expect(found).toEqual(await detectCycles(inputs[2].artifact.model!, scope));
      expect(counted).toEqual(await Promise.all(inputs.slice(0, 2).map(({ artifact }) => countCycles(artifact.parsed, scope))));
      expect(found.groups.length).toBeGreaterThan(0);
      expect(ahead.thread.delivered).toBe(3);
    } finally {
      ahead.close();
    }
    // Without a thread to post them to, nothing is searched ahead.
    expect(CycleSearches.ahead(models, undefined, undefined, 0)).toBeUndefined();
  });

  it('finds on the game sample what the search on the calling thread finds, delivered by the thread', async () => {
    const here = await Promise.all(inputs.map(({ artifact }) => detectCycles(artifact.model!, scope)));
    const thread = CycleSearchThread.start(SCRIPT);
    try {
      expect(await searchEach(thread)).toEqual(here);
      expect(thread.delivered).toBe(inputs.length);
      expect(thread.failure).toBeUndefined();
    } finally {
      thread.close();
    }
    expect(here[2].groups.map((c) => c.via).sort()).toEqual(['.friends', '.onLevelUp → context.this']);
  });

  it("counts an earlier snapshot's patterns on the thread as detectCycles finds them here, by the groups' words", async () => {
    const here = await Promise.all(inputs.map(({ artifact }) => detectCycles(artifact.model!, scope)));
    const thread = CycleSearchThread.start(SCRIPT);
    let counted: Map<string, number>[] = [];
    try {
      counted = await Promise.all(inputs.map(({ artifact }) => countCycles(artifact.parsed, scope, { search: (input, count) => thread.search(input, count, ticks()) })));
      expect(counted).toEqual(here.map((r) => new Map(r.groups.map((c) => [`${c.kind}|${c.className}|${c.via}`, c.instances]))));
      expect(counted[0].size).toBeGreaterThan(0);
      expect(thread.delivered).toBe(inputs.length);
      expect(thread.failure).toBeUndefined();
    } finally {
      thread.close();
    }
    expect(await Promise.all(inputs.map(({ artifact }) => countCycles(artifact.parsed, scope)))).toEqual(counted);
  });

  it("answers searches asked for all at once in their order, each with its own snapshot's components", async () => {
    const here = await Promise.all(inputs.map(({ artifact }) => detectCycles(artifact.model!, scope)));
    const thread = CycleSearchThread.start(SCRIPT);
    try {
      const atOnce = [...inputs].reverse().map(({ artifact }) => detectCycles(artifact.model!, scope, { ticks: ticks(), search: (input, count) => thread.search(input, count, ticks()) }));
      expect((await Promise.all(atOnce)).reverse()).toEqual(here);
      expect(thread.delivered).toBe(inputs.length);
      expect(thread.failure).toBeUndefined();
    } finally {
      thread.close();
    }
  });

  it.each([
    ['a thread that exits at once', scriptOf('process.exit(3)'), /exited \(code 3\)/],
    ['a thread that reports a failure', scriptOf('import { parentPort } from "node:worker_threads"; parentPort.on("message", () => parentPort.postMessage({ kind: "failed", message: "no" }))'), /^no$/],
  ])('%s costs time, not results: the search runs here and the failure is named', async (_, script, reason) => {
    const here = await Promise.all(inputs.map(({ artifact }) => detectCycles(artifact.model!, scope)));
    const thread = CycleSearchThread.start(script);
    try {
      expect(await searchEach(thread)).toEqual(here);
      expect(thread.failure).toMatch(reason);
    } finally {
      thread.close();
    }
  });

  it('a cancel ends the wait for the thread at once', async () => {
    const silent = scriptOf('import { parentPort } from "node:worker_threads"; setInterval(() => {}, 1000); parentPort.on("message", () => {})');
    const controller = new AbortController();
    const thread = CycleSearchThread.start(silent, controller.signal);
    const searching = detectCycles(inputs[2].artifact.model!, scope, { search: (input, count) => thread.search(input, count, ticks()) });
    setTimeout(() => controller.abort(), 50);
    await expect(searching).rejects.toBeInstanceOf(CancelledError);
  });
});
