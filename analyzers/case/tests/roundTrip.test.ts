import { describe, expect, it } from 'vitest';
import type { ReportEdits } from '../reportEdits';
import type { CaseResult } from '../caseResult';
import { parseExportRequest } from '../../app/api/parseExportRequest';
import { readCaseFile, writeCaseFile } from '../caseFile';
import { ALLOC_FILES, HEAP_FILES, realCase } from './realCases';

async function roundTrip(result: CaseResult, edits?: ReportEdits) {
  return readCaseFile(await writeCaseFile(result, edits), 'saved.aftermath');
}

describe('a saved case reopens exactly as it was analyzed', () => {
  it('three heap snapshots: findings with retainer paths, evidence, sources and the heap view', async () => {
    const result = await realCase(HEAP_FILES);
    // The case must exercise every findings table, or the equality below proves less than it claims.
    expect(result.findings.some((f) => f.paths.some((p) => p.steps.length > 0))).toBe(true);
    expect(result.findings.every((f) => f.evidence.length > 0 && f.sources.length > 0)).toBe(true);
    expect(result.views.heap?.snapshots).toHaveLength(3);

    const reopened = await roundTrip(result);
    expect(reopened.result).toStrictEqual(result);
    expect(reopened.edits).toStrictEqual({});
  });

  it('native leak reports: incomplete inputs with notices, a failure, a timed finding and the alloc view', async () => {
    const result = await realCase(ALLOC_FILES);
    expect(result.inputs.filter((i) => !i.complete).map((i) => i.file).sort()).toEqual(['lsan_truncated.txt', 'valgrind_truncated.xml']);
    expect(result.inputs.some((i) => i.notices.some((n) => n.line !== undefined))).toBe(true);
    expect(result.failures.map((f) => f.file)).toEqual(['player_manager.cpp']);
    expect(result.findings.some((f) => f.window !== undefined)).toBe(true);

    expect((await roundTrip(result)).result).toStrictEqual(result);
  });

  it('heap and alloc evidence together, with every kind of report edit', async () => {
    const result = await realCase([...HEAP_FILES, ...ALLOC_FILES]);
    // Edits arrive from the UI through the hosts' export validation; the text is what users paste (quotes, SQL, emoji, newlines).
    const checked = parseExportRequest({ jobId: 'job-1', format: 'case', content: 'report', edits: {
      title: "Friend system leak — O'Brien's \"shard 7\" 🔥",
      summary: "Players were never freed.\n'; DROP TABLE findings; --",
      fiveWhys: ['Why OOM? RSS grew', '', 'Why? shared_ptr cycle'],
      actionItems: [{ text: 'Use weak_ptr for friends', owner: 'game-core', priority: 'P1' }, { text: '', owner: '', priority: '' }],
      timelineNotes: { 'timeline.event.3': 'deploy of 2.14', 'heap.growth.0': 'first sign', __proto__note: 'kept as text' },
    } });
    if ('error' in checked || !checked.request.edits) throw new Error(`edits refused: ${JSON.stringify(checked)}`);
    const edits = checked.request.edits;
    const reopened = await roundTrip(result, edits);
    expect(reopened.result).toStrictEqual(result);
    expect(reopened.edits).toStrictEqual(edits);
    expect(Object.keys(reopened.edits.timelineNotes ?? {})).toEqual(Object.keys(edits.timelineNotes ?? {}));
  });

  it('keeps an emptied list apart from a list never edited', async () => {
    const result = await realCase(HEAP_FILES);
    expect((await roundTrip(result, { fiveWhys: [], actionItems: [], timelineNotes: {} })).edits).toStrictEqual({ fiveWhys: [], actionItems: [], timelineNotes: {} });
    expect((await roundTrip(result, { summary: '' })).edits).toStrictEqual({ summary: '' });
  });

  it('keeps numbers that plain JSON and SQLite would alter: NaN, ±Infinity, -0, and numeric-looking text', async () => {
    const result = structuredClone(await realCase(HEAP_FILES));
    const [first] = result.findings;
    first.evidence.push(
      { label: 'ratio of nothing', value: NaN, unit: 'ratio' },
      { label: 'unbounded', value: Infinity },
      { label: 'an id that looks like a number', value: '0042' },
    );
    const row = result.views.heap!.snapshots[0].constructors[0];
    Object.assign(row, { count: NaN, shallowBytes: -Infinity, retainedBytes: -0 });

    const reopened = await roundTrip(result);
    expect(reopened.result).toStrictEqual(result);
    expect(Object.is(reopened.result.views.heap!.snapshots[0].constructors[0].retainedBytes, -0)).toBe(true);
    expect(reopened.result.findings[0].evidence.at(-1)?.value).toBe('0042');
  });

  it('writes the same bytes for the same analysis, so saved cases can be compared byte for byte', async () => {
    const result = await realCase(ALLOC_FILES);
    const edits: ReportEdits = { title: 't', actionItems: [{ text: 'a', owner: 'b', priority: 'c' }] };
    expect(Buffer.from(await writeCaseFile(result, edits)).equals(Buffer.from(await writeCaseFile(result, edits)))).toBe(true);
  });
});
