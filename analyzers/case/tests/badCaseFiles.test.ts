import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/inputError';
import { groupDigits } from '../../core/numberFormat';
import type { CaseResult } from '../caseResult';
import { readCaseFile, writeCaseFile } from '../caseFile';
import { CASE_SCHEMA_VERSION } from '../caseSchema';
import { ALLOC_FILES, HEAP_FILES, editWithSql, openPlainSqlite, realCase } from './realCases';

const NAME = 'incident-42.aftermath';
let result: CaseResult;
let saved: Uint8Array;

beforeAll(async () => {
  result = await realCase([HEAP_FILES[0], HEAP_FILES[2], ALLOC_FILES[0]]);
  saved = await writeCaseFile(result, { fiveWhys: ['why'] });
});

/** Reads bytes that must be refused, and returns the error for its file, reason and place. */
async function refusal(bytes: Uint8Array): Promise<InputError> {
  const error = await readCaseFile(bytes, NAME).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const inputError = error as InputError;
  expect(inputError.file).toBe(NAME);
  expect(inputError.message.startsWith(`${NAME}: `)).toBe(true);
  return inputError;
}

const pageSize = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint16(16);

describe('files that are not whole SQLite', () => {
  it('an empty file', async () => {
    expect((await refusal(new Uint8Array())).reason).toBe('is empty (0 bytes)');
  });

  it('a leak report given where a case file was expected', async () => {
    const error = await refusal(readFileSync(ALLOC_FILES[0]));
    expect(error.reason).toMatch(/not an Aftermath case file: it does not start with the SQLite header/);
    expect(error.where.byteOffset).toBe(0);
  });

  it('a case cut in the middle of a page, and one cut at a page boundary', async () => {
    const half = await refusal(saved.subarray(0, Math.floor(saved.length / 2) + 17));
    expect(half.reason).toMatch(new RegExp(`^is truncated: its header declares ${groupDigits(saved.length / pageSize(saved))} pages of ${groupDigits(pageSize(saved))} bytes`));
    expect(half.where.byteOffset).toBe(Math.floor(saved.length / 2) + 17);

    const wholePages = saved.subarray(0, saved.length - pageSize(saved));
    expect((await refusal(wholePages)).reason).toContain(`(${groupDigits(saved.length)} bytes) but the file has ${groupDigits(wholePages.length)}`);
  });

  it('a case whose data pages were overwritten', async () => {
    // The findings table's root page, found the way SQLite does (sqlite_master), then filled with noise.
    const db = await openPlainSqlite(saved);
    const rootPage = Number(db.exec("SELECT rootpage FROM sqlite_master WHERE name = 'findings'")[0].values[0][0]);
    db.close();
    const damaged = new Uint8Array(saved);
    const size = pageSize(saved);
    for (let i = (rootPage - 1) * size; i < rootPage * size; i++) damaged[i] = (i * 7919) & 0xff;

    const error = await refusal(damaged);
    expect(error.reason).toMatch(/^is corrupt: /);
    expect(error.where.section).toBe('sqlite');
  });

  it('any one page damaged gives a readable case or an InputError, never another exception', async () => {
    const size = pageSize(saved);
    const outcomes = new Set<string>();
    for (let page = 0; page < saved.length / size; page++) {
      for (const fill of [(i: number) => (i * 7919) & 0xff, () => 0]) {
        const damaged = new Uint8Array(saved);
        // Page 1 keeps its 100-byte file header, which the header tests above cover.
        for (let i = Math.max(100, page * size); i < (page + 1) * size; i++) damaged[i] = fill(i);
        const outcome = await readCaseFile(damaged, NAME).then(() => 'read', (e: unknown) => e);
        if (outcome !== 'read') expect(outcome).toBeInstanceOf(InputError);
        outcomes.add(outcome instanceof InputError ? outcome.reason.split(':')[0] : String(outcome));
      }
    }
    expect(outcomes).toContain('is corrupt');
  });
});

describe('SQLite databases that are not a case this version can read', () => {
  it('a foreign database names what it holds', async () => {
    const db = await openPlainSqlite(new Uint8Array());
    db.run('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY)');
    const foreign = db.export();
    db.close();

    const error = await refusal(foreign);
    expect(error.reason).toMatch(/^is an SQLite database but not an Aftermath case file \(application_id 0x00000000, expected 0x4146544d; it holds the tables moz_bookmarks, moz_places\)$/);
  });

  it('a case saved by a newer Aftermath', async () => {
    const newer = await editWithSql(saved, `PRAGMA user_version = ${CASE_SCHEMA_VERSION + 1}`);
    const error = await refusal(newer);
    expect(error.reason).toBe(`was saved by a newer Aftermath (case schema version ${CASE_SCHEMA_VERSION + 1}; this version reads up to ${CASE_SCHEMA_VERSION}): update Aftermath to open it`);
  });

  it('a case without a schema version', async () => {
    expect((await refusal(await editWithSql(saved, 'PRAGMA user_version = 0'))).reason).toMatch(/has no valid schema version \(user_version 0\)/);
  });

  it('a case missing tables', async () => {
    const error = await refusal(await editWithSql(saved, 'DROP TABLE evidence_path_steps', 'DROP TABLE views'));
    expect(error.reason).toBe('is an incomplete Aftermath case: tables evidence_path_steps, views missing');
    expect(error.where.section).toBe('schema');
  });

  it('a table missing a column', async () => {
    const error = await refusal(await editWithSql(saved, 'ALTER TABLE findings DROP COLUMN suggested_fix'));
    expect(error.reason).toMatch(/^table findings cannot be read: no such column: suggested_fix/);
    expect(error.where.section).toBe('findings');
  });
});

describe('case files edited by hand', () => {
  it('refuses values outside the finding model, naming the table and row', async () => {
    const severity = await refusal(await editWithSql(saved, "UPDATE findings SET severity = 'catastrophic' WHERE ord = 1"));
    expect(severity.reason).toBe("findings row 2: unknown severity 'catastrophic'");
    // NOT NULL keeps NULLs out, and TEXT affinity turns numbers into text, but a blob gets through.
    expect((await refusal(await editWithSql(saved, "UPDATE findings SET title = x'00ff' WHERE ord = 0"))).reason)
      .toBe('findings row 1: column title should hold text but holds a blob');
    expect((await refusal(await editWithSql(saved, "UPDATE evidence SET unit = 'furlongs' WHERE finding_ord = 0 AND ord = 0"))).reason)
      .toBe("evidence row 1: unknown unit 'furlongs'");
  });

  it('refuses evidence of a finding that is not there', async () => {
    const error = await refusal(await editWithSql(saved, "INSERT INTO evidence (finding_ord, ord, label, value) VALUES (999, 0, 'orphan', 1)"));
    expect(error.reason).toMatch(/^evidence row \d+: refers to 999, which is no row of findings$/);
  });

  it('refuses a view that is not JSON', async () => {
    const error = await refusal(await editWithSql(saved, "UPDATE views SET json = '{\"snapshots\": [' WHERE capability = 'heap'"));
    expect(error.reason).toMatch(/^views row \d+: the heap view is not valid JSON/);
  });

  it('reads a case from which a finding was deleted with sqlite3, its evidence going with it', async () => {
    const doomed = result.findings[0];
    const edited = await editWithSql(saved, 'PRAGMA foreign_keys = ON', 'DELETE FROM findings WHERE ord = 0');
    const reopened = await readCaseFile(edited, NAME);
    expect(reopened.result.findings).toStrictEqual(result.findings.slice(1));
    expect(reopened.result.findings.map((f) => f.id)).not.toContain(doomed.id);
    expect(reopened.edits).toStrictEqual({ fiveWhys: ['why'] });
  });
});
