import { beforeAll, describe, expect, it } from 'vitest';
import { severityRank } from '../../core/finding';
import type { CaseResult } from '../caseResult';
import { loadNodeSqlJs } from '../nodeSqlJs';
import { answerCaseQuery, MAX_CELL_CHARS, MAX_QUERY_ROWS, queryCase } from '../queryCase';
import { ALLOC_FILES, HEAP_FILES, realCase } from './realCases';

// The SQL console's engine: the same tables as a saved case file, over a result still in memory.
let heap: CaseResult;
let lsan: CaseResult;
let sqlJsLoads = 0;
const countingLoader = () => {
  sqlJsLoads++;
  return loadNodeSqlJs();
};

beforeAll(async () => {
  heap = await realCase(HEAP_FILES);
  lsan = await realCase([ALLOC_FILES[0]]);
});

describe('queryCase', () => {
  it('lists the findings worst first, in the order the analysis sorts them', async () => {
    for (const result of [heap, lsan]) {
      const answer = await queryCase(result, 'SELECT id, severity FROM findings ORDER BY severity_rank DESC, ord');
      const expected = [...result.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity)).map((f) => [f.id, f.severity]);
      expect(answer).toEqual({ columns: ['id', 'severity'], rows: expected, truncated: false, cutValues: 0 });
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('builds the database once per result and reuses it for later queries', async () => {
    const result = await realCase([ALLOC_FILES[0]]);
    const fresh: CaseResult = { ...result };
    await queryCase(fresh, 'SELECT count(*) FROM inputs', countingLoader);
    const again = await queryCase(fresh, 'SELECT file FROM inputs', countingLoader);
    expect(sqlJsLoads).toBe(1);
    expect(again.rows).toEqual(fresh.inputs.map((i) => [i.file]));
  });

  it('reads the views with json_extract: the heap leak clusters as rows', async () => {
    const answer = await queryCase(heap, `
      SELECT json_extract(c.value, '$.className') AS class_name, json_extract(c.value, '$.retainedBytes') AS retained_bytes
        FROM views v, json_each(v.json, '$.leaks.clusters') c
       WHERE v.capability = 'heap' ORDER BY c.key`);
    const clusters = heap.views.heap?.leaks?.clusters ?? [];
    expect(clusters.length).toBeGreaterThan(0);
    expect(answer.rows).toEqual(clusters.map((c) => [c.className, c.retainedBytes]));
  });

  it.each([
    ['INSERT', "INSERT INTO meta VALUES ('x', 'y')", /INSERT statements are refused: the console is read-only/],
    ['DELETE', 'DELETE FROM findings', /DELETE statements are refused/],
    ['DROP', 'DROP TABLE evidence', /DROP statements are refused/],
    ['UPDATE behind a comment', '/* harmless */ -- really\n UPDATE findings SET title = 1', /UPDATE statements are refused/],
    ['ATTACH', "ATTACH ':memory:' AS other", /ATTACH statements are refused/],
    ['a pragma that turns writes back on', 'PRAGMA query_only = OFF', /PRAGMA statements are refused.*pragma_table_info/],
    ['a pragma write', 'PRAGMA user_version = 7', /PRAGMA statements are refused/],
    ['a write inside WITH', 'WITH doomed AS (SELECT ord FROM findings) DELETE FROM findings WHERE ord IN doomed', /SQLite: attempt to write a readonly database \(the console is read-only/],
    ['a second statement', 'SELECT 1; DELETE FROM findings', /One statement at a time.*DELETE FROM findings/],
    ['a second read', 'SELECT 1;SELECT 2', /One statement at a time/],
    ['nothing', '  -- only a comment\n', /Type a query/],
  ])('refuses %s and leaves the case as it was', async (_what, sql, message) => {
    await expect(queryCase(heap, sql)).rejects.toThrow(message);
    const after = await queryCase(heap, "SELECT (SELECT count(*) FROM findings), (SELECT count(*) FROM evidence), (SELECT value FROM meta WHERE key = 'analyzed_at')");
    expect(after.rows).toEqual([[heap.findings.length, heap.findings.reduce((n, f) => n + f.evidence.length, 0), heap.analyzedAt]]);
  });

  it('accepts trailing semicolons and comments after the one statement', async () => {
    expect((await queryCase(lsan, 'SELECT 1 AS one; -- done\n /* really */ ;')).rows).toEqual([[1]]);
  });

  it('names the problem of a query SQLite rejects, as an answer a host can show', async () => {
    expect(await answerCaseQuery(heap, 'SELECT * FROM findingz')).toEqual({ status: 'error', message: 'SQLite: no such table: findingz' });
    expect(await answerCaseQuery(heap, 'SELECT title FROM findings WHERE')).toEqual({ status: 'error', message: 'SQLite: incomplete input' });
    expect(await answerCaseQuery(heap, 'SELECT nonsense FROM findings')).toEqual({ status: 'error', message: 'SQLite: no such column: nonsense' });
    expect(await answerCaseQuery(heap, 'SELECT severity FROM findings WHERE ord = 0')).toEqual({ status: 'ok', columns: ['severity'], rows: [[heap.findings[0].severity]], truncated: false, cutValues: 0 });
  });

  it('caps large results and says so', async () => {
    const evidenceCount = heap.findings.reduce((n, f) => n + f.evidence.length, 0);
    expect(evidenceCount ** 4).toBeGreaterThan(MAX_QUERY_ROWS);
    const answer = await queryCase(heap, 'SELECT a.finding_ord, a.ord, b.label, c.value, d.ord FROM evidence a, evidence b, evidence c, evidence d');
    expect(answer.rows.length).toBe(MAX_QUERY_ROWS);
    expect(answer.truncated).toBe(true);
    const exact = await queryCase(heap, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MAX_QUERY_ROWS}) SELECT i FROM n`);
    expect(exact.rows.length).toBe(MAX_QUERY_ROWS);
    expect(exact.truncated).toBe(false);
  });

  it('shows blobs as short hex and shortens very long text, counting what it cut', async () => {
    const answer = await queryCase(heap, "SELECT x'00ff10', zeroblob(40), json FROM views WHERE capability = 'heap'");
    const json = JSON.stringify(heap.views.heap);
    expect(json.length).toBeGreaterThan(MAX_CELL_CHARS);
    const [short, long, view] = answer.rows[0];
    expect(short).toBe("x'00ff10'");
    expect(long).toBe(`x'${'00'.repeat(32)}…' (blob, 40 bytes)`);
    expect(view).toMatch(new RegExp(`^\\{"snapshots":[\\s\\S]{${MAX_CELL_CHARS - 13}}… \\[\\d{1,3}(?:,\\d{3})+ characters in all\\]$`));
    expect(answer.cutValues).toBe(1);
  });
});
