import type { Siblings } from '../../ingest/capability';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HelperThreads, ThreadScript } from '../../core/helperThreads';
import { InputError } from '../../core/inputError';
import { openFileSource } from '../../ingest/fileSource';
import { edgeNameRoles } from '../cycleSearch';
import { analyzeHeapSnapshots, heapSnapshotFormat, HeapSnapshot } from '../index';
import { loadSnapshot } from '../parseThread';
import { IdleThreads } from '../idleThreads';
import { StringTable } from '../stringTable';
import { expectSameModel, loadSample, quietContext, SAMPLE_NAMES, samplePath, sampleText, tempFile } from './fixtures';

/** A worker entry from the sources, loaded through tsx's require hook as the CLI host does it. */
const script = (name: string): ThreadScript => ({
  url: pathToFileURL(join(__dirname, `../${name}.ts`)),
  execArgv: ['--require', require.resolve('tsx/cjs')],
});
const PARSE = script('parseWorker');
const THREADS: HelperThreads = { heapParse: PARSE, heapIndexes: script('graphIndexWorker') };

/** Loads a file as a big one (the samples are below the size from which the loader uses threads). */
async function loadAsBig(path: string, threads: HelperThreads, siblings?: Siblings) {
  const source = await openFileSource(path);
  const loaded = await heapSnapshotFormat.load({ ...source, sizeBytes: 64 * 2 ** 20 }, { ...quietContext(), threads, siblings });
  return { ...loaded, file: source.name, formatId: heapSnapshotFormat.id };
}

describe('a snapshot loaded on a parse thread (read and model built there, sent back)', () => {
  it('is the model built on the analysis thread, and the case analysed from it is the same', async () => {
    const here = await Promise.all(SAMPLE_NAMES.map(loadSample));
    const there = await Promise.all(SAMPLE_NAMES.map((name) => loadAsBig(samplePath(name), THREADS)));
    there.forEach((t, i) => {
      expect(t.notices).toEqual(here[i].notices);
      expectSameModel(t.artifact.model!, here[i].artifact.model!);
      // The id index crosses as its arrays: it answers again as the class it was.
      const { nodeId } = t.artifact.parsed.graph;
      expect(t.artifact.parsed.idIndex.lookup(nodeId[nodeId.length - 1])).toBe(nodeId.length - 1);
      // The edge-name roles came with the model (computed on the thread), as a table here computes them.
      const { strings } = t.artifact.parsed.graph;
      expect(edgeNameRoles(strings)).toEqual(edgeNameRoles(new StringTable(strings.parts)));
      expect(edgeNameRoles(strings)).toBe(edgeNameRoles(strings));
    });
    const ctx = quietContext();
    expect(JSON.stringify(await analyzeHeapSnapshots(there, ctx))).toBe(JSON.stringify(await analyzeHeapSnapshots(here, ctx)));
  });

  it('one of several: parsed there, indexed here with the index thread when first needed, as a model built here', async () => {
    const loaded = await loadAsBig(samplePath(SAMPLE_NAMES[1]), THREADS, { count: 2, readAtOnce: 2 });
    expect(loaded.artifact.model).toBeUndefined();
    const model = await loaded.artifact.index({ indexScript: THREADS.heapIndexes });
    expect(loaded.artifact.indexFailure).toBeUndefined();
    expectSameModel(model, (await loadSample(SAMPLE_NAMES[1])).artifact.model!);
  });

  it("a set read two at a time: each parse thread tells its snapshot's last assigned id, and the last is indexed as the set loads", async () => {
    const siblings: Siblings = { count: 2, readAtOnce: 2 };
    const loads = await Promise.all(SAMPLE_NAMES.map((name) => loadAsBig(samplePath(name), THREADS, siblings)));
    const last = loads[2].artifact;
    for (let i = 0; i < 200 && !last.model; i++) await new Promise((r) => setTimeout(r, 25));
    expect(loads.map((l) => l.artifact.model !== undefined)).toEqual([false, false, true]);
    expectSameModel(last.model!, (await loadSample(SAMPLE_NAMES[2])).artifact.model!);
  });

  it('a parse thread told during its load that the snapshot is not the last leaves its locations in the file; the next load on it is not told', async () => {
    const plain = tempFile('game-2-target.heapsnapshot', sampleText(SAMPLE_NAMES[1]));
    const ctx = quietContext();
    const told = await loadSnapshot(await openFileSource(plain), ctx, PARSE, undefined, { whenNotLast: (tell) => tell() });
    expect(told.threadFailure).toBeUndefined();
    expect(told.model.graph.locationsInFile).toMatchObject({ path: plain, whole: true });
    expect(told.model.graph.closureLocations).toBeNull();
    const next = await loadSnapshot(await openFileSource(plain), ctx, PARSE, undefined, { whenNotLast: () => {} });
    expect(next.model.graph.locationsInFile).toBeUndefined();
    expect(next.model.graph.closureLocations!.count).toBeGreaterThan(100);
    const indexed = await new HeapSnapshot(told.model).index();
    expect(indexed.graph.closureLocations).toEqual(next.model.graph.closureLocations);
  });

  it('one after another, the files load on one thread, each model as built here', async () => {
    for (const name of SAMPLE_NAMES) expectSameModel((await loadAsBig(samplePath(name), THREADS)).artifact.model!, (await loadSample(name)).artifact.model!);
  });

  it('when the thread fails, is loaded here and the failure is named', async () => {
    const exits: ThreadScript = { url: new URL(`data:text/javascript,${encodeURIComponent('process.exit(3)')}`) };
    const loaded = await loadAsBig(samplePath(SAMPLE_NAMES[0]), { ...THREADS, heapParse: exits });
    expectSameModel(loaded.artifact.model!, (await loadSample(SAMPLE_NAMES[0])).artifact.model!);
    expect(loaded.notices.map((n) => n.message)).toContainEqual(expect.stringMatching(/^the parse thread failed \(the parse thread exited \(code 3\)/));
  });

  it('bad input is the file’s error, as read here', async () => {
    const path = tempFile('cut.heapsnapshot', '{"snapshot":{"meta":{"node_fields":["type"');
    const error = await loadAsBig(path, THREADS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe('cut.heapsnapshot');
  });
});

describe('the parse threads between loads', () => {
  it('give a thread that finished with its model to the next load, and a new one when it could not finish', async () => {
    const threads = new IdleThreads();
    const first = await threads.take(PARSE);
    threads.finishing(PARSE, first, Promise.resolve(true));
    const next = threads.take(PARSE);
    expect(await next).toBe(first);
    threads.finishing(PARSE, first, Promise.resolve(false));
    const fresh = await threads.take(PARSE);
    expect(fresh).not.toBe(first);
    await Promise.all([first.terminate(), fresh.terminate()]);
  });

  it('keep a thread started ahead of its work for the first to take it, and end it when nobody does', async () => {
    const threads = new IdleThreads();
    const CYCLES = script('cycleSearchWorker');
    threads.prestart(CYCLES, 60_000);
    // One started ahead is enough: a second call while it waits starts none.
    threads.prestart(CYCLES, 60_000);
    expect(threads.takeIdle(PARSE)).toBeUndefined();
    const taken = threads.takeIdle(CYCLES);
    expect(taken).toBeDefined();
    expect(threads.takeIdle(CYCLES)).toBeUndefined();
    // Taken, it runs the search script: a request it cannot read is answered with the failure.
    const answer = new Promise((resolve) => taken?.once('message', resolve));
    taken?.postMessage({ input: {}, count: false });
    expect(await answer).toMatchObject({ kind: 'failed' });
    await taken?.terminate();

    threads.prestart(CYCLES, 20);
    await new Promise((r) => setTimeout(r, 300));
    expect(threads.takeIdle(CYCLES)).toBeUndefined();
  });
});
