import { describe, expect, it } from 'vitest';
import { openFileSource } from '../analyzers/ingest/fileSource';
import { loadSnapshot } from '../analyzers/heap/parseThread';
import { readHeapSnapshot } from '../analyzers/heap/readHeapSnapshot';
import { buildOnThread, expectSameModel, parseSample, quietContext, SAMPLE_NAMES, samplePath, THREAD_DELIVERIES } from '../analyzers/heap/tests/fixtures';
import { CLI_THREADS } from './helperThreads';

describe('the helper threads the CLI analysis process offers', () => {
  it('the heap-index thread starts from the sources and delivers what the calling thread computes', async () => {
    const name = SAMPLE_NAMES[2];
    const inline = await buildOnThread(await parseSample(name), undefined);
    const threaded = await buildOnThread(await parseSample(name), CLI_THREADS.heapIndexes);
    expect(THREAD_DELIVERIES).toContainEqual(threaded.delivered);
    expectSameModel(threaded.model, inline.model);
  });

  it('the parse thread posts the string table as its arrays, and it reads as a parse here reads', async () => {
    const path = samplePath(SAMPLE_NAMES[2]);
    const here = await readHeapSnapshot(await openFileSource(path), quietContext());
    const loaded = await loadSnapshot(await openFileSource(path), quietContext(), CLI_THREADS.heapParse, CLI_THREADS.heapIndexes);
    expect(loaded.threadFailure).toBeUndefined();
    const { strings, allocationTrace, ...graph } = loaded.model.graph;
    const { strings: hereStrings, allocationTrace: hereTrace, ...hereGraph } = here;
    expect(graph).toEqual(hereGraph);
    expect(allocationTrace?.strings ?? strings).toBe(strings);
    expect(strings.length).toBe(hereStrings.length);
    expect(strings.toArray()).toEqual(hereStrings.toArray());
    expect(strings.indexOf('context')).toBe(hereStrings.indexOf('context'));
    expect(hereTrace === null).toBe(allocationTrace === null);
  });
});

