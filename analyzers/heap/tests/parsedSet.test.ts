import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import type { LoadedInput } from '../../ingest/capability';
import { HeapExplorer } from '../explorer/heapExplorer';
import type { HeapSnapshot } from '../heapSnapshot';
import { analyzeHeapSnapshots } from '../index';
import type { HeapQuery } from '../viewExplorer';
import { expectSameModel, loadFile, loadSample, quietContext, samplePath, SAMPLE_NAMES, SAMPLES, tempFile } from './fixtures';

/** The three samples as a case of three loads them (each told it has two siblings), and each loaded alone. */
let parsed: LoadedInput<HeapSnapshot>[];
let alone: LoadedInput<HeapSnapshot>[];

beforeAll(async () => {
  // Given newest first, as a user may drop them: the analysis orders them by their ids.
  parsed = await Promise.all([...SAMPLE_NAMES].reverse().map((name) => loadFile(samplePath(name), SAMPLE_NAMES.length - 1)));
  alone = await Promise.all([...SAMPLE_NAMES].reverse().map(loadSample));
});

describe('the snapshots of a set: parsed as they load, only the last indexed by the analysis', () => {
  it('loads one of several without its indexes, its summary without retained sizes', () => {
    for (const [i, input] of parsed.entries()) {
      expect(input.artifact.model).toBeUndefined();
      expect(input.artifact.parsed.summary.constructors.every((c) => c.retainedBytes === undefined)).toBe(true);
      expect(alone[i].artifact.model).toBeDefined();
      const byName = new Map(alone[i].artifact.parsed.summary.constructors.map(({ name, count, shallowBytes }) => [name, { name, count, shallowBytes }]));
      expect(new Map(input.artifact.parsed.summary.constructors.map((c) => [c.name, c]))).toEqual(byName);
    }
  });

  it('finds what the fully indexed set finds, and indexes the last snapshot only', async () => {
    const ctx = quietContext();
    const fromParsed = await analyzeHeapSnapshots(parsed, ctx);
    const fromAlone = await analyzeHeapSnapshots(alone, ctx);
    expect(fromParsed.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(fromParsed.findings)).toBe(JSON.stringify(fromAlone.findings));
    const { snapshots, ...rest } = fromParsed.view;
    const { snapshots: aloneSnapshots, ...aloneRest } = fromAlone.view;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(aloneRest));
    expect(snapshots.map((s) => s.file)).toEqual([...SAMPLE_NAMES]);
    expect(snapshots[2]).toEqual(aloneSnapshots[2]);
    for (const i of [0, 1]) {
      expect(snapshots[i]).not.toHaveProperty('largestObjects');
      expect(snapshots[i].totalBytes).toBe(aloneSnapshots[i].totalBytes);
    }
    // Given newest first: the last of the case is the first input.
    expect(parsed.map((i) => i.artifact.model !== undefined)).toEqual([true, false, false]);
  });

  it("answers the explorer on an earlier snapshot as the indexed set does, indexing it on the first question that needs it", async () => {
    const explorer = new HeapExplorer(parsed);
    const reference = new HeapExplorer(alone);
    const baseline = parsed[2].artifact;
    const compare: HeapQuery = { kind: 'compare', before: 0, after: 2 };
    expect(await explorer.answer(compare)).toEqual(await reference.answer(compare));
    // Comparing reads ids and classes only.
    expect(baseline.model).toBeUndefined();
    const classes: HeapQuery = { kind: 'classes', snapshot: 0, filter: 'Player' };
    const [first, again] = await Promise.all([explorer.answer(classes), explorer.answer(classes)]);
    expect(first).toEqual(await reference.answer(classes));
    expect(again).toEqual(first);
    expectSameModel(baseline.model!, alone[2].artifact.model!);
    const dominated: HeapQuery = { kind: 'dominated', snapshot: 0, offset: 0, limit: 50 };
    expect(await explorer.answer(dominated)).toEqual(await reference.answer(dominated));
  });
});

describe('what only the indexes tell about an input', () => {
  const chromium = join(SAMPLES, 'detached_dom', 'chat-detached.heapsnapshot.gz');
  const unreachable = /^\d+ objects are not reachable from the GC roots/;
  const run = (paths: string[]) => runCase(paths, { onProgress: () => {}, signal: new AbortController().signal });

  it('says how many objects the roots do not reach for the indexed snapshot: alone, or the last of a set', async () => {
    const alone = await run([chromium]);
    expect(alone.inputs[0].notices.map((n) => n.message)).toContainEqual(expect.stringMatching(unreachable));
    // The same snapshot twice: the same ids, so the given order stands and the copy is the last.
    const copy = tempFile('chat-again.heapsnapshot.gz', readFileSync(chromium));
    const set = await run([chromium, copy]);
    const said = set.inputs.map((i) => i.notices.some((n) => unreachable.test(n.message)));
    expect(said).toEqual([false, true]);
  });
});
