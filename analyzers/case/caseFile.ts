import type { ReportEdits } from './reportEdits';
import type { CaseResult } from './caseResult';
import { readWhole, type FileSource } from '../ingest/fileSource';
import { readCaseDatabase, type SavedCase } from './caseReader';
import { writeCaseDatabase } from './caseWriter';
import { loadNodeSqlJs } from './nodeSqlJs';
import { caseFileTooLarge, MAX_CASE_FILE_BYTES } from './openCaseDatabase';
import type { SqlJsLoader } from './sqlJs';

export type { SavedCase } from './caseReader';

/**
 * The saved investigation: the whole analysis and the user's report edits as one SQLite file that
 * reopens without the original dumps. Write the bytes with writeFileAtomic so that a crash never
 * leaves half a case where the user's previous one was.
 *
 * Node hosts use the default loader; a renderer passes `createSqlJsLoader({ locateFile })`, or
 * calls writeCaseDatabase/readCaseDatabase directly to stay clear of this module's Node imports.
 */
export async function writeCaseFile(result: CaseResult, edits: ReportEdits = {}, loadSqlJs: SqlJsLoader = loadNodeSqlJs): Promise<Uint8Array> {
  return writeCaseDatabase(await loadSqlJs(), result, edits);
}

/** Throws InputError naming `fileName` when the bytes are not a whole, readable case of a known version. */
export async function readCaseFile(bytes: Uint8Array, fileName: string, loadSqlJs: SqlJsLoader = loadNodeSqlJs): Promise<SavedCase> {
  return readCaseDatabase(await loadSqlJs(), bytes, fileName);
}

/**
 * Opens a case file that runCase met among its inputs (isCaseFile(source.head)): reads it through
 * the same FileSource as any input, so a gzipped case, a directory or an unreadable file get the
 * usual messages.
 */
export async function openCaseFile(source: FileSource, signal?: AbortSignal, loadSqlJs: SqlJsLoader = loadNodeSqlJs): Promise<SavedCase> {
  const bytes = await readWhole(source, MAX_CASE_FILE_BYTES, (size) => caseFileTooLarge(source.name, size), undefined, signal);
  return readCaseFile(bytes, source.name, loadSqlJs);
}
