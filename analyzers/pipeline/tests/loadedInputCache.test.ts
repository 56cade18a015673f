import { copyFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../core/progress';
import { bytes } from '../../core/units';
import type { CaseResult } from '../../case/caseResult';
import { allocLeakyFixtures, heapSnapshots, incidentFiles } from '../../report/tests/caseFixtures';
import { LoadedInputCache } from '../loadedInputCache';
import { runCase } from '../runCase';

const OPTIONS = { anchorDate: '2026-03-14', memoryLimitBytes: bytes(8 * 2 ** 30) };
const dir = mkdtempSync(join(tmpdir(), 'aftermath-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(paths: string[], cache?: LoadedInputCache): Promise<{ result: CaseResult; progress: Progress[] }> {
  const progress: Progress[] = [];
  const result = await runCase(paths, { onProgress: (p) => progress.push(p), signal: new AbortController().signal, options: OPTIONS, cache });
  return { result, progress };
}

/** What a case says, without the time it was analyzed. */
const content = (r: CaseResult) => ({ ...r, analyzedAt: undefined });
// A snapshot being parsed reports 'parsing nodes', 'parsing edges', …; its analysis reports other phases.
const parsedFiles = (progress: Progress[]) => new Set(progress.filter((p) => p.phase.startsWith('parsing')).map((p) => p.file));

describe('runCase with the loaded-input cache of the analysis process', () => {
  // Copies, so that the test can touch one without changing the committed samples.
  const snapshots = heapSnapshots().map((p) => {
    const copy = join(dir, basename(p));
    copyFileSync(p, copy);
    return copy;
  });
  const [events] = incidentFiles('memory-leak').filter((p) => p.endsWith('events.jsonl'));
  const lsan = allocLeakyFixtures()[0];

  it('does not parse the files already open when one is added, and finds what a fresh analysis finds', async () => {
    const cache = new LoadedInputCache();
    const first = await run(snapshots, cache);
    expect(first.result.inputs).toHaveLength(3);
    expect(cache.size).toBe(3);

    const added = await run([...snapshots, events, lsan], cache);
    const parsed = parsedFiles(added.progress);
    for (const s of snapshots) expect(parsed.has(basename(s))).toBe(false);
    // Reused artifacts are not changed by the analyses that read them: the same case as from scratch.
    const fresh = await run([...snapshots, events, lsan]);
    expect(content(added.result)).toEqual(content(fresh.result));
    expect(added.result.inputs.map((i) => i.file)).toEqual(fresh.result.inputs.map((i) => i.file));
  }, 180_000);

  it('parses again when the input limits change, since they change what a load yields', async () => {
    const cache = new LoadedInputCache();
    const parse = async (maxLineBytes?: number) => {
      const progress: Progress[] = [];
      await runCase([snapshots[0]], { onProgress: (p) => progress.push(p), signal: new AbortController().signal, options: { ...OPTIONS, ...(maxLineBytes && { maxLineBytes: bytes(maxLineBytes) }) }, cache });
      return parsedFiles(progress).has(basename(snapshots[0]));
    };
    expect(await parse()).toBe(true);
    expect(await parse()).toBe(false);
    expect(await parse(2 ** 20)).toBe(true);
  }, 180_000);

  it('parses a file again when it changed on disk, and forgets the files taken out of the case', async () => {
    const cache = new LoadedInputCache();
    await run(snapshots, cache);
    const later = new Date(Date.now() + 60_000);
    utimesSync(snapshots[0], later, later);
    const again = await run(snapshots, cache);
    expect([...parsedFiles(again.progress)]).toContain(basename(snapshots[0]));
    expect(parsedFiles(again.progress).has(basename(snapshots[1]))).toBe(false);

    await run([snapshots[1]], cache);
    expect(cache.size).toBe(1);
  }, 180_000);

  it('reports one overall percentage that only moves forward, from the first file to the end of the analysis', async () => {
    const { progress } = await run([...snapshots, events]);
    const overall = progress.map((p) => p.overallPercent ?? -1);
    expect(overall.every((o) => o >= 0 && o <= 100)).toBe(true);
    for (let i = 1; i < overall.length; i++) expect(overall[i]).toBeGreaterThanOrEqual(overall[i - 1] - 1e-9);
    expect(overall.at(-1)).toBeGreaterThan(90);
  }, 180_000);
});
