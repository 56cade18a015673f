import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding';
import { openFileSource } from '../../ingest/fileSource';
import { recorded } from '../../report/tests/caseFixtures';
import { analyzeHeapSnapshots, heapSnapshotFormat } from '../index';
import type { HeapModel } from '../heapModel';
import { SUSPECT_SHARE } from '../leakSuspects';
import { join } from 'node:path';
import { quietContext, SAMPLE_NAMES, SAMPLES, samplePath } from './fixtures';

/**
 * Eclipse MAT's Leak Suspects on one snapshot (analyzers/heap/leakSuspects.ts), judged on real heaps
 * only: the sample game server (samples/heap/game_server.mjs, which forgets departed Players in
 * `Guild.members`) at a scale where they pass a fifth of the heap, its committed samples below it,
 * and healthy programs (a React app in Chromium, the TypeScript compiler) that must stay quiet.
 */

/**
 * The game server with 3,000 sessions a phase: 6,000 departed Players kept by the three guilds
 * besides 1,000 residents, about half the heap (the committed samples, 300 a phase, hold a tenth).
 * Three snapshots, so that the same run also shows what the growth analysis says of them together.
 */
const gameServer = recorded('heap/game_server.mjs', ['3000', '{out}', '--tick-every=10']);
/** The recordings judgment.test.ts reads (same arguments, so the same files). */
const healthy = {
  react: recorded('healthy/record_react_snapshots.mjs', ['{out}'], 600_000),
  tsc: recorded('healthy/record_tsc_snapshots.mjs', ['{out}'], 600_000),
  tscChecking: recorded('healthy/record_tsc_snapshots.mjs', ['{out}', '--check-in-thirds'], 600_000),
};

/** Loads each file as the app does (not cached: the compiler's snapshots are 40 MB each) and analyzes them as one case. */
async function analyzeFiles(paths: readonly string[]): Promise<{ findings: Finding[]; last: HeapModel }> {
  const inputs = await Promise.all(
    paths.map(async (path) => {
      const source = await openFileSource(path);
      const loaded = await heapSnapshotFormat.load(source, { ...quietContext(), ...(paths.length > 1 ? { siblings: { count: paths.length, readAtOnce: 1 } } : {}) });
      return { ...loaded, file: source.name, formatId: heapSnapshotFormat.id };
    }),
  );
  const { findings } = await analyzeHeapSnapshots(inputs, quietContext());
  const last = await inputs[inputs.length - 1].artifact.index();
  return { findings, last };
}

const suspectsOf = (findings: readonly Finding[]) => findings.filter((f) => f.analysis === 'heap.suspects');
const shareOf = (m: HeapModel, className: string) => (m.summary.constructors.find((c) => c.name === className)?.retainedBytes ?? 0) / m.summary.totalBytes;

describe('leak suspects in one snapshot of the leaking game server', () => {
  it('names the Players and the Guild.members arrays that hold them, as size and not growth', async () => {
    const files = await gameServer;
    const { findings, last } = await analyzeFiles([files[files.length - 1]]);
    const [suspect, ...others] = suspectsOf(findings);
    expect(others).toEqual([]);
    // 1,000 residents and 6,000 departed Players: every top-most Player, about half the heap.
    expect(suspect.title).toMatch(/^7,000 Player objects occupy [\d.]+ MiB \((4\d|5\d)\.\d % of the heap\), accumulated in Guild\.members \(3 Array objects\)$/);
    expect(shareOf(last, 'Player')).toBeGreaterThan(SUSPECT_SHARE);
    expect(suspect.category).toBe('memory-leak');
    // One capture: retained memory, no growth, so a medium at most.
    expect(suspect.severity).toBe('medium');
    expect(suspect.impact.growth).toBeUndefined();
    expect(suspect.detail).toMatch(/not that it grows: compare with an earlier snapshot of the same process/);

    // The accumulation point is one of the guilds' member arrays, shown with its id and its holder.
    const point = suspect.evidence.find((e) => e.label === 'accumulation point')!;
    expect(point.value).toMatch(/^Array @\d+ \(Guild\.members\)$/);
    const pointLabel = String(point.value).split(' (')[0];
    const pointNode = last.idIndex.lookup(Number(pointLabel.slice(pointLabel.indexOf('@') + 1)))!;
    expect(last.graph.strings.get(last.graph.nodeName[pointNode])).toBe('Array');
    // The three arrays hold the 6,000 departed Players (all sampled: fewer than MAT's 10,000); the
    // residents' shortest paths run through the server's map of online players instead.
    expect(suspect.evidence.find((e) => e.label === 'Player held there')?.value).toBe(6_000);
    // The path, in the leak findings' shape, runs from the roots through that array to an example Player.
    const { steps } = suspect.paths[0];
    expect(steps[steps.length - 1]).toMatch(/^Player @\d+$/);
    expect(steps[steps.length - 3]).toBe(pointLabel);
    expect(steps[steps.length - 4]).toBe('.members');
    expect(steps[steps.length - 5]).toMatch(/^Guild @\d+$/);
    const examples = String(suspect.evidence.find((e) => e.label === 'example object ids')!.value).split(', ');
    expect(examples[0]).toBe(steps[steps.length - 1].slice('Player '.length));
    expect(examples.length).toBeGreaterThan(1);
    expect(suspect.evidence.find((e) => e.label === 'code')?.value).toMatch(/`Player` constructor, .*game_server\.mjs:\d+:\d+/);
  });

  it('is quiet with the three snapshots of the same run: the growth analysis names the leak, once', async () => {
    const { findings } = await analyzeFiles(await gameServer);
    expect(suspectsOf(findings)).toEqual([]);
    const leak = findings.find((f) => f.analysis === 'heap.leaks')!;
    expect(leak.title).toMatch(/^3,000 Player objects leak .*held by Guild\.members$/);
  });
});

describe('a single object holding the heap (samples/memory: a Node service keeping 256 KiB Buffers in a Map of sessions)', () => {
  it('names the Map as the suspect; the Buffers, one in each session, are not a suspect of their own', async () => {
    const { findings, last } = await analyzeFiles([join(SAMPLES, '..', 'memory', 'fixtures', 'node_buffer_leak.heapsnapshot.gz')]);
    const titles = suspectsOf(findings).map((f) => f.title);
    expect(titles).toEqual([expect.stringMatching(/^One Map @\d+ retains [\d.]+ MiB \(99\.\d % of the heap\), accumulated in system \/ Context\.sessions$/)]);
    // The class passes the share, but each session holds one: what a suspect's entries hold, not a pile.
    expect(shareOf(last, 'Buffer')).toBeGreaterThan(SUSPECT_SHARE);
    const [map] = suspectsOf(findings);
    expect(map.evidence.find((e) => e.label === 'objects held there')?.value).toBeGreaterThan(1_000);
    expect(map.paths[0].steps.slice(-2)).toEqual(['context.sessions', map.title.split(' ').slice(1, 3).join(' ')]);
  });
});

describe('the committed game-server samples, each alone', () => {
  it.each(SAMPLE_NAMES)('%s: its Players are a tenth of the heap, below the threshold, so no suspect', async (name) => {
    const { findings, last } = await analyzeFiles([samplePath(name)]);
    expect(shareOf(last, 'Player')).toBeGreaterThan(0);
    expect(shareOf(last, 'Player')).toBeLessThan(SUSPECT_SHARE);
    expect(suspectsOf(findings)).toEqual([]);
  });

  it("the Chromium chat page's snapshot: its detached nodes are found, no suspect", async () => {
    const { findings } = await analyzeFiles([join(SAMPLES, 'detached_dom', 'chat-detached.heapsnapshot.gz')]);
    expect(findings.some((f) => f.analysis === 'heap.detached-dom')).toBe(true);
    expect(suspectsOf(findings)).toEqual([]);
  });
});

describe('healthy programs, each snapshot alone: no suspect', () => {
  it('a React dashboard in Chromium', async () => {
    for (const file of await healthy.react) expect(suspectsOf((await analyzeFiles([file])).findings)).toEqual([]);
  }, 120_000);

  it('the TypeScript compiler, whose program and syntax trees pass a fifth of its heap without piling up in one collection', async () => {
    const files = [...(await healthy.tsc), ...(await healthy.tscChecking)];
    const shares: number[] = [];
    for (const file of files) {
      const { findings, last } = await analyzeFiles([file]);
      expect(suspectsOf(findings)).toEqual([]);
      shares.push(Math.max(shareOf(last, 'NodeObject'), shareOf(last, 'SourceFileObject')));
    }
    // Not quiet for want of size: the syntax trees retain more than the threshold in some of them.
    expect(Math.max(...shares)).toBeGreaterThan(SUSPECT_SHARE);
  }, 300_000);
});
