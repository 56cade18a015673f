import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/inputError';
import { bytes } from '../../core/units';
import type { CaseOptions } from '../../ingest/caseOptions';
import { openFileSource } from '../../ingest/fileSource';
import { runCase } from '../../pipeline/runCase';
import { openCaseFile, readCaseFile } from '../caseFile';
import type { CaseResult } from '../caseResult';
import type { FoldingRules } from '../saved/allocView';
import { readSqliteHeader } from '../caseHeader';
import { CASE_SCHEMA_VERSION } from '../caseSchema';
import { upgradeViews, VIEW_MIGRATIONS, type ViewDocuments } from '../viewMigrations';
import { editWithSql } from './realCases';

const SAMPLES = join(__dirname, '../../../samples');
const FIXTURES = join(__dirname, 'fixtures');

/** The cases in fixtures/ and the inputs and options they were analyzed from (fixtures/README.md). */
const PREVIOUS_CASES: { fixture: string; version: number; inputs: string[]; options: CaseOptions }[] = [
  {
    fixture: 'memory-leak.v1.aftermath.gz',
    version: 1,
    inputs: [
      'incidents/memory-leak/game-1-memory.prometheus.json', 'incidents/memory-leak/game-1-metrics.csv',
      'incidents/memory-leak/kern.log', 'incidents/memory-leak/events.jsonl', 'incidents/memory-leak/chat-timeline.txt',
      'heap/game-1-baseline.heapsnapshot.gz', 'heap/game-2-target.heapsnapshot.gz', 'heap/game-3-final.heapsnapshot.gz',
      'alloc/fixtures/lsan_leaky.txt', 'alloc/fixtures/valgrind_leaky.xml',
    ],
    options: { anchorDate: '2026-03-14', memoryLimitBytes: bytes(8 * 1024 ** 3) },
  },
  {
    fixture: 'lock-contention.v1.aftermath.gz',
    version: 1,
    inputs: [
      'incidents/lock-contention/inventory-metrics.jsonl', 'incidents/lock-contention/inv-1-cpu.csv', 'incidents/lock-contention/events.jsonl',
      'locks/fixtures/perf_script_coarse.txt.gz', 'locks/fixtures/perf_script_sharded.txt.gz', 'locks/fixtures/perf_lock_contention_coarse.txt',
    ],
    options: {},
  },
];

/** A fresh analysis as version 1 saved it: without the view fields version 2 added (docs/case.md). */
function asVersion1(result: CaseResult): CaseResult {
  return withoutThreadStacks(withoutFlames(withoutHeapAdditions(result)));
}

/** Where each thread waited (its callers and `paths`, for the flame graph's filter) came later (no schema bump). */
function withoutThreadStacks(result: CaseResult): CaseResult {
  const { locks } = result.views;
  if (!locks) return result;
  const inputs = locks.inputs.map((i) => ({ ...i, threads: i.threads.map(({ paths: _, ...t }) => ({ ...t, callers: [] })) }));
  return { ...result, views: { ...result.views, locks: { ...locks, inputs } } };
}

/** Flame graphs came later (optional fields, no schema bump). */
function withoutFlames(result: CaseResult): CaseResult {
  const { alloc, locks } = result.views;
  const drop = <T extends { flame?: unknown }>({ flame: _, ...rest }: T): Omit<T, 'flame'> => rest;
  return {
    ...result,
    views: {
      ...result.views,
      ...(alloc ? { alloc: { ...alloc, reports: alloc.reports.map(drop), comparisons: alloc.comparisons.map(drop) } } : {}),
      ...(locks ? { locks: { ...locks, inputs: locks.inputs.map(drop), comparisons: locks.comparisons.map(drop) } } : {}),
    },
  };
}

function withoutHeapAdditions(result: CaseResult): CaseResult {
  const views = result.views.heap;
  if (!views) return result;
  // Code locations, class trends, source-map use and the classes a leak's growth holds came later (optional fields, no schema bump).
  const { classTrends: _trends, sourceMaps: _maps, ...heap } = views;
  return {
    ...result,
    views: {
      ...result.views,
      heap: {
        ...heap,
        snapshots: heap.snapshots.map((s) => (s.largestObjects ? { ...s, largestObjects: s.largestObjects.map((c) => ({ ...c, objects: c.objects.map(({ location: _, ...o }) => o) })) } : s)),
        ...(heap.leaks ? { leaks: { ...heap.leaks, clusters: heap.leaks.clusters.map(({ captures: _, location: _l, holdsGrowthOf: _h, ...c }) => c) } } : {}),
        ...(heap.cycles ? { cycles: { ...heap.cycles, groups: heap.cycles.groups.map(({ framework: _, location: _l, ...g }) => g) } } : {}),
      },
    },
  };
}

/**
 * Version 1 searched the whole graph for cycles; today only the classes that can matter are searched
 * (heap/cycleScope: those that grow across the snapshots). Each group found today must be the saved
 * group of the same pattern, value for value; the rest of the saved list (the runtime's one-instance
 * cycles) and its component counts over the whole graph are what the bounded search leaves out.
 */
function withTodaysCycles(saved: CaseResult, fresh: CaseResult): CaseResult {
  const before = saved.views.heap?.cycles;
  const today = fresh.views.heap?.cycles;
  if (!saved.views.heap || !before || !today) return saved;
  const key = (g: { kind: string; className: string; via: string }) => `${g.kind}|${g.className}|${g.via}`;
  const savedGroups = new Map(before.groups.map((g) => [key(g), g]));
  expect(today.groups.length).toBeGreaterThan(0);
  for (const g of today.groups) expect(savedGroups.get(key(g)), key(g)).toStrictEqual(g);
  return { ...saved, views: { ...saved.views, heap: { ...saved.views.heap, cycles: today } } };
}

/**
 * Version 1 indexed every snapshot of a set; today only the last is (heap/heapSnapshot.ts): the earlier
 * snapshots' summaries have the same rows without retained sizes, ordered by shallow size, and no
 * largest objects.
 */
function withTodaysEarlierSnapshots(saved: CaseResult): CaseResult {
  const heap = saved.views.heap;
  if (!heap || heap.snapshots.length < 2) return saved;
  const last = heap.snapshots.length - 1;
  const snapshots = heap.snapshots.map((s, i) => {
    if (i === last) return s;
    const { largestObjects: _indexed, ...summary } = s;
    const constructors = s.constructors
      .map(({ retainedBytes: _retained, ...row }) => row)
      .sort((a, b) => b.shallowBytes - a.shallowBytes || a.name.localeCompare(b.name));
    return { ...summary, constructors };
  });
  return { ...saved, views: { ...saved.views, heap: { ...heap, snapshots } } };
}

/**
 * Version 1 kept Valgrind's source paths as the tool wrote them (`<dir>./.</dir>`: `././player_manager.cpp`);
 * today they are normalized (`player_manager.cpp`, as LeakSanitizer and heaptrack name it), and that is
 * the only difference in the allocation view.
 */
function withTodaysSourcePaths(saved: CaseResult): CaseResult {
  const alloc = saved.views.alloc;
  if (!alloc) return saved;
  return { ...saved, views: { ...saved.views, alloc: JSON.parse(JSON.stringify(alloc).replaceAll('././', '')) as typeof alloc } };
}

/**
 * A case keeps the frame-folding rules it was analyzed with, and today's defaults fold more (programs'
 * own allocation wrappers came later): every rule it saved is still one today, and with the saved
 * rules the rest of its view is today's.
 */
function withSavedFoldingRules(expected: CaseResult, saved: CaseResult): CaseResult {
  const rules = saved.views.alloc?.foldingRules;
  const today = expected.views.alloc;
  if (!rules || !today) return expected;
  for (const k of Object.keys(rules) as (keyof FoldingRules)[]) expect(today.foldingRules[k], k).toEqual(expect.arrayContaining(rules[k]));
  return { ...expected, views: { ...expected.views, alloc: { ...today, foldingRules: rules } } };
}

const analyze = (paths: string[], options: CaseOptions = {}): Promise<CaseResult> =>
  runCase(paths, { onProgress: () => {}, signal: new AbortController().signal, options });

const openFixture = async (fixture: string) => openCaseFile(await openFileSource(join(FIXTURES, fixture)));
const fixtureBytes = (fixture: string): Uint8Array => gunzipSync(readFileSync(join(FIXTURES, fixture)));

describe('a case saved by the previous version', () => {
  it.each(PREVIOUS_CASES)('$fixture opens as a fresh analysis of its inputs', async ({ fixture, version, inputs, options }) => {
    const opened = await openFixture(fixture);
    const fresh = await analyze(inputs.map((p) => join(SAMPLES, p)), options);

    // Read back through the migrations from its version to the current saved types…
    expect(readSqliteHeader(fixtureBytes(fixture))?.userVersion).toBe(version);
    expect(Object.keys(opened.result.views).length).toBeGreaterThanOrEqual(2);
    // …it says what today's analysis of the same files says, view by view, less what version 2 added.
    const expected = withSavedFoldingRules(asVersion1(fresh), opened.result);
    const saved = { ...opened, result: withTodaysSourcePaths(withTodaysEarlierSnapshots(withTodaysCycles(opened.result, expected))) };
    expect(Object.keys(saved.result.views).sort()).toEqual(Object.keys(expected.views).sort());
    for (const capability of Object.keys(expected.views) as (keyof CaseResult['views'])[]) {
      expect(saved.result.views[capability], capability).toStrictEqual(expected.views[capability]);
    }
    expect({ ...saved.result, analyzedAt: fresh.analyzedAt, findings: [] }).toStrictEqual({ ...expected, findings: [] });
    // Version 1 findings carry no impact or subject: they read as nothing measured, with their saved
    // severity. Today's analysis merges what is one problem and drops structure (cycles that do not
    // grow), so it raises a subset of the saved findings, each in the same category.
    for (const f of saved.result.findings) {
      expect(f.impact, f.id).toEqual({});
      expect(f.subject, f.id).toBeUndefined();
    }
    const savedById = new Map(saved.result.findings.map((f) => [f.id, f]));
    for (const f of fresh.findings) expect(savedById.get(f.id)?.category, f.id).toBe(f.category);
    expect(saved.edits).toEqual({});
  }, 120_000);

  it('opens from the command line and the app: runCase returns the saved result for a case file', async () => {
    const { result } = await openFixture('lock-contention.v1.aftermath.gz');
    const reopened = await analyze([join(FIXTURES, 'lock-contention.v1.aftermath.gz')]);
    expect(reopened).toStrictEqual({ ...result, reportEdits: {} });
  });

  it('refuses the same case marked with a newer version, naming the file and both versions', async () => {
    const newer = await editWithSql(fixtureBytes('lock-contention.v1.aftermath.gz'), `PRAGMA user_version = ${CASE_SCHEMA_VERSION + 1}`);
    await expect(readCaseFile(newer, 'from-the-future.aftermath')).rejects.toThrow(
      `from-the-future.aftermath: was saved by a newer Aftermath (case schema version ${CASE_SCHEMA_VERSION + 1}; this version reads up to ${CASE_SCHEMA_VERSION}): update Aftermath to open it`,
    );
  });
});

describe('upgrading saved views', () => {
  it('has a step for every version before the current one', () => {
    expect(VIEW_MIGRATIONS.map((m) => m.from).sort((a, b) => a - b)).toEqual(Array.from({ length: CASE_SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  // The steps below stand in for a future bump (a renamed field, the usual kind), run over real saved views.
  const renameSnapshots = { from: 1, change: 'heap.snapshots becomes heap.snapshotSummaries', upgrade: (v: ViewDocuments) => {
    const { snapshots, ...heap } = v.heap as Record<string, unknown>;
    return { ...v, heap: { ...heap, snapshotSummaries: snapshots } };
  } };

  it('runs the steps from the saved version up to the current one, in order', async () => {
    const { result } = await openFixture('memory-leak.v1.aftermath.gz');
    const views = result.views as ViewDocuments;
    const addMark = { from: 2, change: 'adds heap.mark', upgrade: (v: ViewDocuments) => ({ ...v, heap: { ...(v.heap as object), mark: 'v3' } }) };
    const upgraded = upgradeViews(views, 1, 'incident.aftermath', [addMark, renameSnapshots], 3);
    expect(Object.keys(upgraded.heap as object)).toEqual([...Object.keys(result.views.heap ?? {}).filter((k) => k !== 'snapshots'), 'snapshotSummaries', 'mark']);
    expect((upgraded.heap as { snapshotSummaries: unknown }).snapshotSummaries).toBe(result.views.heap?.snapshots);
    expect(upgraded.alloc).toBe(views.alloc);
    // A case already at the current version is left alone.
    expect(upgradeViews(views, 3, 'incident.aftermath', [addMark, renameSnapshots], 3)).toBe(views);
  });

  it('names the file and the versions when there is no step, or a step fails', async () => {
    const { result } = await openFixture('lock-contention.v1.aftermath.gz');
    const views = result.views as ViewDocuments;
    expect(() => upgradeViews(views, 1, 'incident.aftermath', [], 2)).toThrow(
      new InputError('incident.aftermath', 'was saved with case schema version 1, which this Aftermath (schema 2) cannot upgrade: no step from version 1', { section: 'views' }),
    );
    // This case has no heap view: the step meets a shape it did not expect.
    expect(() => upgradeViews(views, 1, 'incident.aftermath', [renameSnapshots], 2)).toThrow(
      /^incident\.aftermath: cannot be upgraded from case schema version 1 to 2 \(heap\.snapshots becomes heap\.snapshotSummaries\): .+ \(section views\)$/,
    );
  });
});
