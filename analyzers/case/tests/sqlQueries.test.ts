import type { Database, SqlValue } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { severityRank } from '../../core/finding';
import type { CaseResult } from '../caseResult';
import { writeCaseFile } from '../caseFile';
import { CASE_APPLICATION_ID, CASE_SCHEMA_VERSION } from '../caseSchema';
import { ALLOC_FILES, HEAP_FILES, openPlainSqlite, realCase } from './realCases';

// What a user or another tool sees with sqlite3: plain SQL over the saved file, no Aftermath code.
let result: CaseResult;
let db: Database;

beforeAll(async () => {
  result = await realCase([...HEAP_FILES, ...ALLOC_FILES]);
  db = await openPlainSqlite(await writeCaseFile(result, { actionItems: [{ text: 'Use weak_ptr', owner: 'core', priority: 'P1' }] }));
});
afterAll(() => db.close());

function query(sql: string): SqlValue[][] {
  return db.exec(sql)[0]?.values ?? [];
}

describe('the case file answers the common questions in SQL', () => {
  it('identifies itself in the SQLite header', () => {
    expect(query('PRAGMA application_id')).toEqual([[CASE_APPLICATION_ID]]);
    expect(query('PRAGMA user_version')).toEqual([[CASE_SCHEMA_VERSION]]);
    expect(query("SELECT value FROM meta WHERE key = 'analyzed_at'")).toEqual([[result.analyzedAt]]);
  });

  it('lists the findings worst first', () => {
    const rows = query('SELECT severity, title FROM findings ORDER BY severity_rank DESC, ord');
    // Array.prototype.sort is stable, so equal severities keep the analysis order, as ord does in SQL.
    const expected = [...result.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity)).map((f) => [f.severity, f.title]);
    expect(rows).toEqual(expected);
    expect(new Set(rows.map((r) => r[0])).size).toBeGreaterThan(2);
  });

  it('counts findings by category and severity', () => {
    const rows = query('SELECT category, severity, count(*) FROM findings GROUP BY category, severity ORDER BY category, severity');
    const counts = new Map<string, number>();
    for (const f of result.findings) counts.set(`${f.category}|${f.severity}`, (counts.get(`${f.category}|${f.severity}`) ?? 0) + 1);
    expect(new Map(rows.map((r) => [`${String(r[0])}|${String(r[1])}`, r[2]]))).toEqual(counts);
  });

  it('joins each finding to its evidence, keeping numbers numeric and text text', () => {
    const rows = query("SELECT f.id, e.label, e.value, typeof(e.value) = 'text', e.unit FROM evidence e JOIN findings f ON f.ord = e.finding_ord ORDER BY f.ord, e.ord");
    const expected = result.findings.flatMap((f) => f.evidence.map((e) => [f.id, e.label, e.value, typeof e.value === 'string' ? 1 : 0, e.unit ?? null]));
    expect(rows).toEqual(expected);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([0, 1]));
  });

  it('reassembles a retainer path or allocation stack in order', () => {
    // ORDER BY inside the aggregate needs SQLite 3.44 (sql.js ships 3.54).
    const rows = query(`SELECT f.id, p.label, group_concat(s.step, ' <- ' ORDER BY s.ord)
      FROM evidence_paths p JOIN findings f ON f.ord = p.finding_ord
      JOIN evidence_path_steps s ON s.finding_ord = p.finding_ord AND s.path_ord = p.ord
      GROUP BY p.finding_ord, p.ord ORDER BY p.finding_ord, p.ord`);
    const expected = result.findings.flatMap((f) => f.paths.filter((p) => p.steps.length).map((p) => [f.id, p.label, p.steps.join(' <- ')]));
    expect(rows).toEqual(expected);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('tells which inputs were incomplete and why, and which files failed', () => {
    const incomplete = query(`SELECT i.file, n.line, n.message FROM inputs i JOIN notices n ON n.input_ord = i.ord
      WHERE i.complete = 0 ORDER BY i.ord, n.ord`);
    const expected = result.inputs.filter((i) => !i.complete).flatMap((i) => i.notices.map((n) => [i.file, n.line ?? null, n.message]));
    expect(incomplete).toEqual(expected);
    expect(incomplete.length).toBeGreaterThan(0);
    expect(query('SELECT file, message FROM failures ORDER BY ord')).toEqual(result.failures.map((f) => [f.file, f.message]));
  });

  it('finds every finding derived from one file', () => {
    const file = 'lsan_leaky.txt';
    const rows = query(`SELECT f.id FROM findings f JOIN finding_sources s ON s.finding_ord = f.ord WHERE s.file = '${file}' ORDER BY f.ord`);
    expect(rows.map((r) => r[0])).toEqual(result.findings.filter((f) => f.sources.includes(file)).map((f) => f.id));
    expect(rows.length).toBeGreaterThan(0);
  });

  it("reaches into a capability's view with json_extract", () => {
    const heap = result.views.heap!;
    expect(query("SELECT json_array_length(json, '$.snapshots'), json_extract(json, '$.snapshots[2].file'), json_extract(json, '$.snapshots[0].constructors[0].name') FROM views WHERE capability = 'heap'"))
      .toEqual([[heap.snapshots.length, heap.snapshots[2].file, heap.snapshots[0].constructors[0].name]]);
    expect(query('SELECT capability FROM views ORDER BY capability').map((r) => r[0])).toEqual(Object.keys(result.views).sort());
  });

  it('holds the report edits as rows', () => {
    expect(query('SELECT priority, owner, text FROM report_action_items ORDER BY ord')).toEqual([['P1', 'core', 'Use weak_ptr']]);
  });
});
