import type { Database, SqlJsStatic } from 'sql.js';
import { InputError } from '../core/inputError';
import { formatBytes } from '../core/byteFormat';
import { groupDigits, nounFor } from '../core/numberFormat';
import { readSqliteHeader, type SqliteHeader } from './caseHeader';
import { guardSql } from './caseRows';
import { CASE_APPLICATION_ID, CASE_SCHEMA_VERSION, CASE_TABLES, type CaseTable } from './caseSchema';

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * sql.js keeps the database in a wasm heap of at most 2 GiB and copies the file into it, so a
 * bigger case cannot open; cases hold derived facts, not dumps, and stay far below this.
 */
export const MAX_CASE_FILE_BYTES = 1024 ** 3;

export function caseFileTooLarge(file: string, sizeBytes: number): InputError {
  return new InputError(file, `is too large to open as a case file (${formatBytes(sizeBytes)}; at most ${formatBytes(MAX_CASE_FILE_BYTES)} fit in the SQLite engine's memory)`);
}

export interface OpenedCase {
  db: Database;
  /** `PRAGMA user_version`: from 1 to CASE_SCHEMA_VERSION. */
  schemaVersion: number;
}

/**
 * Opens the bytes of a case file and checks, cheapest first, that they are whole SQLite, an
 * Aftermath case, of a schema version this build reads, intact, and with every table. The caller
 * closes the returned database.
 */
export function openCaseDatabase(SQL: SqlJsStatic, bytes: Uint8Array, file: string): OpenedCase {
  const header = checkHeader(bytes, file);
  const db = guardSql(file, 'sqlite', 'cannot be opened as an SQLite database', () => new SQL.Database(bytes));
  try {
    checkIdentity(db, header, file);
    checkIntegrity(db, file);
    checkTables(db, file);
    return { db, schemaVersion: header.userVersion };
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkHeader(bytes: Uint8Array, file: string): SqliteHeader {
  if (bytes.length === 0) throw new InputError(file, 'is empty (0 bytes)');
  if (bytes.length > MAX_CASE_FILE_BYTES) throw caseFileTooLarge(file, bytes.length);
  const header = readSqliteHeader(bytes);
  if (!header) {
    throw new InputError(file, "is not an Aftermath case file: it does not start with the SQLite header ('SQLite format 3')", { byteOffset: 0 });
  }
  const { pageSizeBytes, pageCount } = header;
  if (pageSizeBytes < 512 || (pageSizeBytes & (pageSizeBytes - 1)) !== 0) {
    throw new InputError(file, `has a damaged SQLite header: page size ${groupDigits(pageSizeBytes)} is not a power of two from 512 to 65,536`, { section: 'header', byteOffset: 16 });
  }
  const declaredBytes = header.pageCountValid ? pageSizeBytes * pageCount : undefined;
  if (declaredBytes !== undefined && bytes.length < declaredBytes) {
    throw new InputError(file, `is truncated: its header declares ${groupDigits(pageCount)} pages of ${groupDigits(pageSizeBytes)} bytes (${groupDigits(declaredBytes)} bytes) but the file has ${groupDigits(bytes.length)}`, { byteOffset: bytes.length });
  }
  if (declaredBytes === undefined && bytes.length % pageSizeBytes !== 0) {
    throw new InputError(file, `is truncated: ${groupDigits(bytes.length)} bytes is not a whole number of ${groupDigits(pageSizeBytes)}-byte pages`, { byteOffset: bytes.length });
  }
  return header;
}

function checkIdentity(db: Database, header: SqliteHeader, file: string): void {
  if (header.applicationId !== CASE_APPLICATION_ID) {
    const tables = tableNames(db, file);
    const holds = tables.length ? `it holds the tables ${[...tables].slice(0, 8).join(', ')}${tables.length > 8 ? ', …' : ''}` : 'it holds no tables';
    throw new InputError(file, `is an SQLite database but not an Aftermath case file (application_id ${hex(header.applicationId)}, expected ${hex(CASE_APPLICATION_ID)}; ${holds})`, { section: 'header', byteOffset: 68 });
  }
  if (header.userVersion > CASE_SCHEMA_VERSION) {
    throw new InputError(file, `was saved by a newer Aftermath (case schema version ${header.userVersion}; this version reads up to ${CASE_SCHEMA_VERSION}): update Aftermath to open it`, { section: 'header', byteOffset: 60 });
  }
  if (header.userVersion < 1) {
    throw new InputError(file, `is marked as an Aftermath case but has no valid schema version (user_version ${header.userVersion})`, { section: 'header', byteOffset: 60 });
  }
}

function checkIntegrity(db: Database, file: string): void {
  const problems = guardSql(file, 'sqlite', 'is corrupt', () => {
    const rows = db.exec('PRAGMA quick_check(3)')[0]?.values ?? [];
    // One row can hold several lines, headed by the database's name, which says nothing here.
    return rows.flatMap((r) => String(r[0]).split('\n')).filter((m) => m !== 'ok' && m.trim() !== '' && !/^\*\*\* in database/.test(m)).slice(0, 3);
  });
  if (problems.length) throw new InputError(file, `is corrupt: ${problems.join('; ')}`, { section: 'sqlite' });
}

function checkTables(db: Database, file: string): void {
  const present = new Set(tableNames(db, file));
  const missing = (Object.keys(CASE_TABLES) as CaseTable[]).filter((t) => !present.has(t));
  if (missing.length) {
    throw new InputError(file, `is an incomplete Aftermath case: ${nounFor(missing.length, 'table')} ${missing.join(', ')} missing`, { section: 'schema' });
  }
}

function tableNames(db: Database, file: string): string[] {
  return guardSql(file, 'schema', 'cannot list its tables', () =>
    (db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values ?? []).map((r) => String(r[0])),
  );
}
