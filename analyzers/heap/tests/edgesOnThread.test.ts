import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ThreadScript } from '../../core/helperThreads';
import { InputError } from '../../core/inputError';
import { openFileSource } from '../../ingest/fileSource';
import { GraphIndexThread } from '../graphIndexes';
import type { HeapSnapshotData } from '../heapGraph';
import { buildHeapModel, deriveFromNodes, type NodeDerived, type Stepwise } from '../heapModel';
import { readHeapSnapshot } from '../readHeapSnapshot';
import { expectSameModel, parseSample, quietContext, SAMPLE_NAMES, sampleText, tempFile, THREAD_DELIVERIES } from './fixtures';

/** The worker entry from the sources, loaded through tsx's require hook as the CLI host does it. */
const SCRIPT: ThreadScript = { url: pathToFileURL(join(__dirname, '../graphIndexWorker.ts')), execArgv: ['--require', require.resolve('tsx/cjs')] };
const REFUSING: ThreadScript = { url: new URL(`data:text/javascript,${encodeURIComponent('import { parentPort } from "node:worker_threads"; parentPort.once("message", () => parentPort.postMessage({ kind: "failed", message: "no" }))')}`) };

/**
 * Reads `path` with its edges read on the helper thread while this thread reads the rest, as a lone
 * snapshot loads. `holdEdges`: the edges are handed over only once the work that needs none is done
 * (a small sample's edges come before this thread is done otherwise).
 */
async function readWithEdgesOnThread(path: string, script = SCRIPT, holdEdges = false) {
  const thread = GraphIndexThread.start(script);
  try {
    const source = await openFileSource(path);
    let fromNodes: Stepwise<NodeDerived> | undefined;
    let earlySteps = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const edges = thread.parseEdges(path, source.limits);
    const onNodes = (nodes: Parameters<typeof deriveFromNodes>[0]) => {
      const derived = (fromNodes = deriveFromNodes(nodes));
      return {
        step: () => {
          earlySteps++;
          const more = derived.step();
          if (!more) release();
          return more;
        },
      };
    };
    // Without an early step at all the edges are let go anyway: the test then fails on the count, not by a hang.
    const elsewhere = holdEdges && edges ? { ...edges, edges: edges.edges.then(async (e) => (await Promise.race([held, new Promise((r) => setTimeout(r, 5000))]), e)) } : edges;
    const graph = await readHeapSnapshot(source, quietContext(), { onTopology: (t) => thread.begin(t), elsewhere, onNodes });
    const model = await buildHeapModel(graph, { indexes: (g) => thread.index(g), fromNodes });
    return { graph, model, earlySteps, delivered: thread.delivered, failure: thread.failure, edgesFailure: thread.edgesFailure };
  } finally {
    thread.close();
  }
}

async function errorOf(run: Promise<unknown>): Promise<InputError> {
  try {
    await run;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no InputError');
}

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSameGraph(actual: HeapSnapshotData, expected: HeapSnapshotData): void {
  for (const column of ['nodeType', 'nodeName', 'nodeId', 'nodeSelfSize', 'firstEdge', 'edgeType', 'edgeNameOrIndex', 'edgeToNode'] as const) {
    expect(bytesOf(actual[column]).equals(bytesOf(expected[column])), column).toBe(true);
  }
  expect(actual.strings.toArray()).toEqual(expected.strings.toArray());
  expect(actual.closureLocations).toEqual(expected.closureLocations);
}

describe.each(SAMPLE_NAMES)('%s with its edges read on the helper thread', (name) => {
  it('is the graph and the model of a read on one thread, the edges and the indexes delivered by the thread', async () => {
    const inline = await parseSample(name);
    const { graph, model, delivered, failure, edgesFailure } = await readWithEdgesOnThread(tempFile(name, sampleText(name))); // plain, under the sample's name
    expect(THREAD_DELIVERIES.map((d) => ['edges', ...d])).toContainEqual(delivered);
    expect(failure).toBeUndefined();
    expect(edgesFailure).toBeUndefined();
    expectSameGraph(graph, inline);
    expectSameModel(model, await buildHeapModel(inline));
  });
});

describe.each(SAMPLE_NAMES)('%s, its edges still being read when the rest is', (name) => {
  it('has the classes, totals and id index computed meanwhile, and the same model', async () => {
    const { model, earlySteps } = await readWithEdgesOnThread(tempFile(name, sampleText(name)), SCRIPT, true);
    expect(earlySteps).toBe(3);
    expectSameModel(model, await buildHeapModel(await parseSample(name)));
  });
});

describe('a snapshot whose edges are read on the helper thread', () => {
  const text = sampleText(SAMPLE_NAMES[0]);
  const inlineError = async (content: string) => errorOf(readHeapSnapshot(await openFileSource(tempFile('bad.heapsnapshot', content)), quietContext()));
  const threadError = (content: string) => errorOf(readWithEdgesOnThread(tempFile('bad.heapsnapshot', content)));
  // The 1000th edge's to_node made no node's offset; a malformed escape in the strings, after it.
  const edgeAt = text.indexOf('\n,', text.indexOf('"edges":[') + 1000) + 2;
  const badEdge = `${text.slice(0, edgeAt)}0,1,3${text.slice(text.indexOf('\n', edgeAt))}`;
  const stringsAt = badEdge.indexOf('"strings":["') + 12;

  it('with a bad edge is refused as a read on one thread refuses it, even with a later error (the edge is met first)', async () => {
    const expected = await inlineError(badEdge);
    expect(expected.where.section).toBe('edges');
    for (const content of [badEdge, `${badEdge.slice(0, stringsAt)}\\x${badEdge.slice(stringsAt)}`]) {
      const e = await threadError(content);
      expect([e.reason, e.where]).toEqual([expected.reason, expected.where]);
    }
  });

  it('cut inside its edges is refused with the edges it holds', async () => {
    // Near the end of the edges: a plain file cut much earlier is refused by the header check (its counts cannot fit).
    const cut = text.slice(0, text.indexOf(']', text.indexOf('"edges":[')) - 3);
    const e = await threadError(cut);
    expect(e.reason).toMatch(/ends early, inside the "edges" section .*all [\d,]+ nodes, [\d,]+ of [\d,]+ edges and no names/);
    const expected = await inlineError(cut);
    expect([e.reason, e.where]).toEqual([expected.reason, expected.where]);
  });

  it('is read whole on the calling thread when the thread fails, which is named', async () => {
    const path = tempFile('plain.heapsnapshot', text);
    const { graph, failure } = await readWithEdgesOnThread(path, REFUSING);
    expect(failure).toBe('no');
    expectSameGraph(graph, await parseSample(SAMPLE_NAMES[0]));
  });
});
