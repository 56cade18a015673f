import type { Database, SqlValue, Statement } from 'sql.js';
import { groupDigits } from '../core/numberFormat';
import type { CaseResult } from './caseResult';
import { writeCaseDatabase } from './caseWriter';
import { loadNodeSqlJs } from './nodeSqlJs';
import type { SqlJsLoader } from './sqlJs';
import type { CaseQueryCell, CaseQueryRows, CaseQueryResult } from './queryRows';

/** Enough to read a case by eye; a cross join of two tables would otherwise ship millions of rows. */
export const MAX_QUERY_ROWS = 5_000;
/** A view's whole JSON is hundreds of KiB; json_extract reads it better than a table cell shows it. */
export const MAX_CELL_CHARS = 10_000;
const BLOB_PREVIEW_BYTES = 32;

/** How much of an answer a host ships: a person's screen gets the caps above, a script gets everything. */
export interface QueryLimits {
  maxRows: number;
  maxCellChars: number;
  blobPreviewBytes: number;
}
export const DISPLAY_LIMITS: QueryLimits = { maxRows: MAX_QUERY_ROWS, maxCellChars: MAX_CELL_CHARS, blobPreviewBytes: BLOB_PREVIEW_BYTES };
/** `aftermath query --output json|csv`: a script reading the views gets whole, parseable values. */
export const WHOLE_ANSWER: QueryLimits = { maxRows: Infinity, maxCellChars: Infinity, blobPreviewBytes: Infinity };

/** The query was refused or SQLite rejected it; the message is for the user as it stands. */
export class CaseQueryError extends Error {
  override readonly name = 'CaseQueryError';
}

// Whitespace and comments, which SQLite skips before and after a statement.
const NOISE = String.raw`(?:\s+|--[^\n]*(?:\n|$)|/\*[\s\S]*?(?:\*/|$))*`;
const LEADING_NOISE = new RegExp(`^${NOISE}`);
const ONLY_NOISE = new RegExp(`^(?:${NOISE};?)*$`);
// Checked before SQLite sees the text: some pragmas take effect while the statement is prepared.
const READ_STATEMENT = /^(?:EXPLAIN\s+(?:QUERY\s+PLAN\s+)?)?(?:SELECT|WITH|VALUES)\b/i;

const databases = new WeakMap<CaseResult, Promise<Database>>();
// sql.js keeps each database in the wasm heap, which the garbage collector does not see.
const closeWithResult = new FinalizationRegistry<Database>((db) => db.close());

/**
 * Runs one read-only SQL statement over the case tables of `result` (docs/case.md), built in memory
 * by the case writer once per result object. Throws CaseQueryError for a refused or failing query.
 *
 * Read-only twice over: only SELECT, WITH, VALUES and EXPLAIN statements are prepared at all, and
 * the connection runs with `PRAGMA query_only = ON`, so SQLite itself refuses a write hidden in a
 * WITH (`WITH x AS (…) DELETE …`).
 */
export async function queryCase(
  result: CaseResult,
  sql: string,
  loadSqlJs: SqlJsLoader = loadNodeSqlJs,
  limits: QueryLimits = DISPLAY_LIMITS,
  /**
   * Called once the case is open, right before the statement runs (a host's query deadline starts
   * there); awaited, so that the signal leaves the process before a runaway statement blocks it.
   */
  onRunning?: () => Promise<void> | void,
): Promise<CaseQueryRows> {
  checkReadStatement(sql);
  const db = await caseDatabase(result, loadSqlJs);
  await onRunning?.();
  return runReadOnly(db, sql, limits);
}

/** queryCase for a host: a refused or failing query is an answer to show, not a failure of the host. */
export async function answerCaseQuery(
  result: CaseResult,
  sql: string,
  loadSqlJs: SqlJsLoader = loadNodeSqlJs,
  limits: QueryLimits = DISPLAY_LIMITS,
  onRunning?: () => Promise<void> | void,
): Promise<CaseQueryResult> {
  try {
    return { status: 'ok', ...(await queryCase(result, sql, loadSqlJs, limits, onRunning)) };
  } catch (e) {
    if (e instanceof CaseQueryError) return { status: 'error', message: e.message };
    throw e;
  }
}

function checkReadStatement(sql: string): void {
  const text = sql.replace(LEADING_NOISE, '');
  if (text === '' || text.startsWith(';')) throw new CaseQueryError('Type a query, for example: SELECT * FROM findings');
  if (READ_STATEMENT.test(text)) return;
  const keyword = /^\w+/.exec(text)?.[0].toUpperCase() ?? text.slice(0, 20);
  if (keyword === 'PRAGMA') {
    throw new CaseQueryError("PRAGMA statements are refused: the console is read-only. Read a pragma as a table instead, e.g. SELECT * FROM pragma_table_info('findings')");
  }
  throw new CaseQueryError(`${keyword} statements are refused: the console is read-only and runs SELECT, WITH, VALUES and EXPLAIN queries`);
}

function caseDatabase(result: CaseResult, loadSqlJs: SqlJsLoader): Promise<Database> {
  let db = databases.get(result);
  if (!db) {
    db = loadSqlJs().then((SQL) => new SQL.Database(writeCaseDatabase(SQL, result, result.reportEdits ?? {})));
    databases.set(result, db);
    db.then(
      (opened) => closeWithResult.register(result, opened),
      () => databases.delete(result),
    );
  }
  return db;
}

function runReadOnly(db: Database, sql: string, limits: QueryLimits): CaseQueryRows {
  let statement: Statement | undefined;
  try {
    // Set before every query, so that nothing a previous query did can leave the connection writable.
    db.run('PRAGMA query_only = ON');
    statement = db.prepare(sql);
    const tail = sql.slice(statement.getSQL().length);
    if (!ONLY_NOISE.test(tail)) throw new CaseQueryError(`One statement at a time: remove what follows the first statement (${preview(tail.trim())})`);
    const columns = statement.getColumnNames();
    const rows: CaseQueryCell[][] = [];
    const cut = { values: 0 };
    let truncated = false;
    while (statement.step()) {
      if (rows.length === limits.maxRows) {
        truncated = true;
        break;
      }
      rows.push(statement.get().map((v) => toCell(v, cut, limits)));
    }
    return { columns, rows, truncated, cutValues: cut.values };
  } catch (e) {
    if (e instanceof CaseQueryError) throw e;
    throw new CaseQueryError(`SQLite: ${readOnlyMessage(e instanceof Error ? e.message : String(e))}`);
  } finally {
    statement?.free();
  }
}

function readOnlyMessage(message: string): string {
  return /readonly database/.test(message) ? `${message} (the console is read-only: statements that change the case are refused)` : message;
}

function toCell(value: SqlValue, cut: { values: number }, limits: QueryLimits): CaseQueryCell {
  if (value instanceof Uint8Array) return blobPreview(value, limits.blobPreviewBytes);
  if (typeof value === 'string' && value.length > limits.maxCellChars) {
    cut.values++;
    return `${value.slice(0, limits.maxCellChars)}… [${groupDigits(value.length)} characters in all]`;
  }
  return value;
}

function blobPreview(blob: Uint8Array, previewBytes: number): string {
  const hex = Array.from(blob.subarray(0, previewBytes), (b) => b.toString(16).padStart(2, '0')).join('');
  return blob.length > previewBytes ? `x'${hex}…' (blob, ${groupDigits(blob.length)} bytes)` : `x'${hex}'`;
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
