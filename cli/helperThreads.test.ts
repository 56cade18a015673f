import { describe, expect, it } from 'vitest';
import { buildOnThread, expectSameModel, parseSample, SAMPLE_NAMES, THREAD_DELIVERIES } from '../analyzers/heap/tests/fixtures';
import { CLI_THREADS } from './helperThreads';

describe('the helper threads the CLI analysis process offers', () => {
  it('the heap-index thread starts from the sources and delivers what the calling thread computes', async () => {
    const name = SAMPLE_NAMES[2];
    const inline = await buildOnThread(await parseSample(name), undefined);
    const threaded = await buildOnThread(await parseSample(name), CLI_THREADS.heapIndexes);
    expect(THREAD_DELIVERIES).toContainEqual(threaded.delivered);
    expectSameModel(threaded.model, inline.model);
  });
});
