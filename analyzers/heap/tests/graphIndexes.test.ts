import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ThreadScript } from '../../core/helperThreads';
import { openFileSource } from '../../ingest/fileSource';
import { CancelledError } from '../../core/inputError';
import { dominatorsFromIdoms, immediateDominators, numberDepthFirst } from '../dominators';
import { GraphIndexThread } from '../graphIndexes';
import { buildHeapModel } from '../heapModel';
import type { HeapModel } from '../heapModel';
import { heapSnapshotFormat } from '../index';
import { typeIds, type GraphTopology } from '../heapGraph';
import { buildRetainers } from '../retainers';
import { SnapshotStreamParser } from '../snapshotStreamParser';
import { buildOnThread as build, expectSameModel, loadSample, parseSample as parse, quietContext, SAMPLE_NAMES, samplePath, sampleText, THREAD_DELIVERIES } from './fixtures';

/** The worker entry from the sources, loaded through tsx's require hook as the CLI host does it. */
const SCRIPT_PATH = join(__dirname, '../graphIndexWorker.ts');
const SCRIPT: ThreadScript = {
  url: pathToFileURL(SCRIPT_PATH),
  execArgv: ['--require', require.resolve('tsx/cjs')],
};
const scriptOf = (code: string): ThreadScript => ({ url: new URL(`data:text/javascript,${encodeURIComponent(code)}`) });

describe.each(SAMPLE_NAMES)('the DFS numbering and distances of %s computed on a helper thread', (name) => {
  let inline: HeapModel;
  beforeAll(async () => {
    inline = (await build(await parse(name), undefined)).model;
  });

  it('are the ones built on the calling thread, delivered by the thread', async () => {
    const { model, delivered, failure } = await build(await parse(name), SCRIPT);
    expect(THREAD_DELIVERIES).toContainEqual(delivered);
    expect(failure).toBeUndefined();
    expect(model.retainers.retainerNode.length).toBe(model.graph.edgeCount);
    expectSameModel(model, inline);
  });

  it('with the retainers and the immediate dominators, when the thread gets to them first: the same model', async () => {
    const graph = await parse(name);
    const thread = GraphIndexThread.start(SCRIPT);
    try {
      const indexes = thread.index(graph);
      // The distances come last: the thread has claimed the retainers, which nobody asked for yet.
      await indexes.distances();
      const model = await buildHeapModel(graph, { indexes: () => indexes });
      expect(thread.delivered).toEqual(['retainers', 'dominators', 'distances']);
      expect(thread.failure).toBeUndefined();
      expectSameModel(model, inline);
    } finally {
      thread.close();
    }
  });

  it('with the distances computed here while the thread computes the idoms: the same model, and no failure', async () => {
    // The thread is held on the hand-over until this thread has claimed the distances, which it does
    // once it has built the retainers and the classes and has only the idoms to wait for.
    const held: ThreadScript = {
      url: new URL(
        `data:text/javascript,${encodeURIComponent(
          `import { parentPort } from "node:worker_threads"; import { createRequire } from "node:module";
          parentPort.once("message", (m) => Atomics.wait(m.claims, 1, 0, 30000));
          createRequire(${JSON.stringify(__filename)})(${JSON.stringify(SCRIPT_PATH)});`,
        )}`,
      ),
      execArgv: SCRIPT.execArgv,
    };
    const { model, delivered, failure } = await build(await parse(name), held);
    expect(delivered).toEqual(['dominators']);
    expect(failure).toBeUndefined();
    expectSameModel(model, inline);
  });
});

/** What each failing thread below must be reported as: its own failure, not a script that did not load. */
const FAILURES: Record<string, RegExp> = {
  'a script that does not exist': /Cannot find module|no-such-worker/,
  'a thread that exits at once': /exited \(code 3\)/,
  'a thread that throws on the request': /^boom$/,
  'a thread that reports a failure': /^no$/,
  'a thread that claims the retainers, then reports a failure': /^no$/,
};

describe('a helper thread that fails costs time, not results', () => {
  const name = SAMPLE_NAMES[0];
  let inline: HeapModel;
  beforeAll(async () => {
    inline = (await build(await parse(name), undefined)).model;
  });

  it.each([
    ['a script that does not exist', { url: pathToFileURL(join(__dirname, 'no-such-worker.js')) }],
    ['a thread that exits at once', scriptOf('process.exit(3)')],
    ['a thread that throws on the request', scriptOf('import { parentPort } from "node:worker_threads"; parentPort.once("message", () => { throw new Error("boom"); })')],
    ['a thread that reports a failure', scriptOf('import { parentPort } from "node:worker_threads"; parentPort.once("message", () => parentPort.postMessage({ kind: "failed", message: "no" }))')],
    [
      'a thread that claims the retainers, then reports a failure',
      scriptOf('import { parentPort } from "node:worker_threads"; parentPort.once("message", (m) => { Atomics.store(m.claims, 0, 2); parentPort.postMessage({ kind: "failed", message: "no" }); })'),
    ],
  ])('%s: everything is computed on the calling thread, and the failure is named', async (name_, script) => {
    const { model, delivered, failure } = await build(await parse(name), script);
    expect(delivered.filter((k) => k !== 'failed')).toEqual([]);
    expect(failure).toMatch(FAILURES[name_]);
    expectSameModel(model, inline);
  });

  it.each([
    ['a script that does not exist', { url: pathToFileURL(join(__dirname, 'no-such-worker.js')) }],
    ['a thread that exits at once', scriptOf('process.exit(3)')],
  ])('%s, already dead when the graph is handed over: not waited for', async (_, script) => {
    const deadFirst = async (thread: GraphIndexThread) => {
      for (let waited = 0; thread.failure === undefined && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    };
    const { model, failure } = await build(await parse(name), script, deadFirst);
    expect(failure).toEqual(expect.any(String));
    expectSameModel(model, inline);
  });

  it('a graph on ordinary memory is not posted (it would be copied): computed inline', async () => {
    const graph = await parse(name);
    const plain = { ...graph, nodeType: graph.nodeType.slice(), firstEdge: graph.firstEdge.slice(), edgeType: graph.edgeType.slice(), edgeToNode: graph.edgeToNode.slice() };
    const { model, delivered } = await build(plain, SCRIPT);
    expect(delivered).toEqual([]);
    expectSameModel(model, inline);
  });
});

describe('the heap loader uses the host helper thread on big snapshots only', () => {
  const load = async (sizeBytes: number | undefined) => {
    const start = vi.spyOn(GraphIndexThread, 'start');
    try {
      const source = await openFileSource(samplePath(SAMPLE_NAMES[2]));
      const loaded = await heapSnapshotFormat.load({ ...source, sizeBytes: sizeBytes ?? source.sizeBytes }, { ...quietContext(), threads: { heapIndexes: SCRIPT } });
      const thread = start.mock.results[0].value as GraphIndexThread;
      return { script: start.mock.calls[0][0], delivered: thread.delivered, model: loaded.artifact.model! };
    } finally {
      start.mockRestore();
    }
  };

  it('a small file is indexed on the calling thread, a big one on the helper thread, with the same model', async () => {
    const small = await load(undefined);
    expect(small.script).toBeUndefined();
    expect(small.delivered).toEqual([]);
    // The same content, presented as a 64 MiB file.
    const big = await load(64 * 2 ** 20);
    expect(big.script).toBe(SCRIPT);
    expect(THREAD_DELIVERIES).toContainEqual(big.delivered);
    expectSameModel(big.model, small.model);
  });
});

describe('the parser hands over the graph shape before the file is read to the end', () => {
  const text = Buffer.from(sampleText(SAMPLE_NAMES[0]), 'utf8');
  const parseWithHook = (bytes: Buffer, seen: { topology: GraphTopology; at: number }[]) => {
    const parser: SnapshotStreamParser = new SnapshotStreamParser('sample.heapsnapshot', undefined, (topology) => seen.push({ topology, at: parser.bytesParsed }));
    for (let i = 0; i < bytes.length; i += 64 * 1024) parser.push(bytes.subarray(i, i + 64 * 1024));
    return parser.finish();
  };

  it('once, after nodes and edges and before the strings, with the arrays the finished graph has', () => {
    const seen: { topology: GraphTopology; at: number }[] = [];
    const graph = parseWithHook(text, seen);
    expect(seen).toHaveLength(1);
    const [{ topology, at }] = seen;
    expect(at).toBeGreaterThan(text.indexOf('"edges":['));
    expect(at).toBeLessThan(text.indexOf('"strings":['));
    for (const key of ['nodeType', 'firstEdge', 'edgeType', 'edgeToNode'] as const) expect(topology[key]).toBe(graph[key]);
    expect(topology.nodeCount).toBe(graph.nodeCount);
    expect(topology.edgeCount).toBe(graph.edgeCount);
  });

  it('not when the edges do not match the counts: the parse fails first', () => {
    const edgesAt = text.indexOf('"edges":[') + '"edges":['.length;
    const oneEdgeMore = Buffer.concat([text.subarray(0, edgesAt), Buffer.from('1,1,0,'), text.subarray(edgesAt)]);
    const seen: { topology: GraphTopology; at: number }[] = [];
    expect(() => parseWithHook(oneEdgeMore, seen)).toThrow('more edges than snapshot.edge_count');
    expect(seen).toEqual([]);
  });
});

describe('a failed helper thread is said in the load notices', () => {
  it('names the failure; the model is complete', async () => {
    const source = await openFileSource(samplePath(SAMPLE_NAMES[2]));
    const ctx = { ...quietContext(), threads: { heapIndexes: scriptOf('process.exit(3)') } };
    const loaded = await heapSnapshotFormat.load({ ...source, sizeBytes: 64 * 2 ** 20 }, ctx);
    expect(loaded.complete).toBe(true);
    expect(loaded.notices.map((n) => n.message)).toContainEqual(expect.stringMatching(/^the helper thread for the heap indexes failed \(.+\): they were computed on the analysis thread instead/));
  });

  it('and when a snapshot of a set, parsed only, is indexed later: the failure is kept for the analysis to say', async () => {
    const source = await openFileSource(samplePath(SAMPLE_NAMES[2]));
    const loaded = await heapSnapshotFormat.load({ ...source, sizeBytes: 64 * 2 ** 20 }, { ...quietContext(), siblings: { count: 2, readAtOnce: 1 } });
    expect(loaded.artifact.model).toBeUndefined();
    const model = await loaded.artifact.index({ indexScript: scriptOf('process.exit(3)') });
    expect(loaded.artifact.indexFailure).toMatch(/exited \(code 3\)/);
    expectSameModel(model, (await loadSample(SAMPLE_NAMES[2])).artifact.model!);
  });
});

describe('cancelling while the helper thread is still working', () => {
  it('ends the wait at once with CancelledError, and nothing is computed in its place', async () => {
    // A thread that takes the graph and never answers.
    const silent = scriptOf('import { parentPort } from "node:worker_threads"; setInterval(() => {}, 1000); parentPort.once("message", () => {})');
    const abort = new AbortController();
    const parsed = await parse(SAMPLE_NAMES[0]);
    // The graph as the fallback would read it: every read of its edges after the cancel is counted.
    let readsAfterCancel = 0;
    const graph = Object.defineProperty({ ...parsed }, 'edgeToNode', {
      get: () => {
        if (abort.signal.aborted) readsAfterCancel++;
        return parsed.edgeToNode;
      },
    });
    const thread = GraphIndexThread.start(silent);
    try {
      const run = buildHeapModel(graph, {
        signal: abort.signal,
        indexes: (g) => thread.index(g),
        onProgress: (p) => p.phase === 'depth-first search' && setTimeout(() => abort.abort(), 50),
      });
      await expect(run).rejects.toBeInstanceOf(CancelledError);
    } finally {
      thread.close();
    }
    // The thread's end (terminated by close) must not start the inline fallback.
    await new Promise((r) => setTimeout(r, 300));
    expect(readsAfterCancel).toBe(0);
    expect(thread.failure).toBeUndefined();
  });
});

describe('a second request for the immediate dominators', () => {
  // The rest of the dominator pass uses their arrays as scratch: handed out twice, they would give
  // the second caller that garbage.
  it.each([
    ['on the calling thread', undefined],
    ['on a helper thread', SCRIPT],
  ])('%s: are correct after the dominator pass used the first ones', async (_, script) => {
    const graph = await parse(SAMPLE_NAMES[0]);
    const ids = typeIds(graph);
    const thread = GraphIndexThread.start(script);
    try {
      const indexes = thread.index(graph);
      const retainers = await indexes.retainers();
      dominatorsFromIdoms(graph, await indexes.immediateDominators(retainers), null, () => undefined);
      // Asked for at once, before the thread has started: built here and handed over for the idoms.
      if (script) expect(thread.delivered).toEqual(['dominators']);
      const second = (await indexes.immediateDominators(retainers)).numbering;
      const fresh = immediateDominators(graph.nodeCount, numberDepthFirst(graph, ids), buildRetainers(graph, ids)).numbering;
      expect(second.count).toBe(fresh.count);
      expect(second.reachable).toBe(fresh.reachable);
      for (const key of ['dfsNum', 'vertex', 'parent'] as const) expect(Buffer.from(second[key].buffer).equals(Buffer.from(fresh[key].buffer))).toBe(true);
    } finally {
      thread.close();
    }
  });
});
