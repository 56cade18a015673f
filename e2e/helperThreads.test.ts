import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildOnThread, expectSameModel, parseSample, SAMPLE_NAMES, THREAD_DELIVERIES } from '../analyzers/heap/tests/fixtures';

// The script electron/analysis/utilityEntry.ts names: electron-vite's build of the heap-index thread.
const BUILT = join(__dirname, '..', 'out', 'main', 'graphIndexWorker.js');

describe('the desktop build of the heap-index helper thread', () => {
  it('is an entry of its own beside the utility process and delivers what the calling thread computes', async () => {
    expect(existsSync(BUILT)).toBe(true);
    const name = SAMPLE_NAMES[1];
    const inline = await buildOnThread(await parseSample(name), undefined);
    const threaded = await buildOnThread(await parseSample(name), { url: pathToFileURL(BUILT) });
    expect(THREAD_DELIVERIES).toContainEqual(threaded.delivered);
    expectSameModel(threaded.model, inline.model);
  });
});
