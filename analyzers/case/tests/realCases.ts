import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import type { CaseResult } from '../caseResult';
import { runCase } from '../../pipeline/runCase';
import { loadNodeSqlJs } from '../nodeSqlJs';

const SAMPLES = join(__dirname, '../../../samples');

/** The leak meltdown's three game-server snapshots (samples/heap/generate.sh). */
export const HEAP_FILES = ['game-1-baseline.heapsnapshot.gz', 'game-2-target.heapsnapshot.gz', 'game-3-final.heapsnapshot.gz'].map((f) => join(SAMPLES, 'heap', f));

/**
 * Real LSan, Valgrind, heaptrack and event-log outputs (samples/alloc/generate.sh), two of them cut
 * short so the case carries incomplete inputs with notices, plus a file no format accepts so it
 * carries a failure.
 */
export const ALLOC_FILES = [
  'lsan_leaky.txt', 'lsan_fixed.txt', 'valgrind_leaky.xml', 'events_leaky.jsonl', 'heaptrack_leaky.txt',
  'lsan_truncated.txt', 'valgrind_truncated.xml',
].map((f) => join(SAMPLES, 'alloc', 'fixtures', f)).concat(join(SAMPLES, 'alloc', 'player_manager.cpp'));

const runs = new Map<string, Promise<CaseResult>>();

/** Runs the app's one pipeline over the files, once per test file. */
export function realCase(paths: readonly string[]): Promise<CaseResult> {
  const key = paths.join('\n');
  let run = runs.get(key);
  if (!run) {
    run = runCase(paths, { onProgress: () => {}, signal: new AbortController().signal });
    runs.set(key, run);
  }
  return run;
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'aftermath-case-'));

/** Opens case bytes the way a foreign tool (sqlite3) would: plain SQLite, no Aftermath code. */
export async function openPlainSqlite(bytes: Uint8Array): Promise<Database> {
  const SQL = await loadNodeSqlJs();
  return new SQL.Database(bytes);
}

/** Edits a case file with plain SQL, as a user with sqlite3 could, and returns the new bytes. */
export async function editWithSql(bytes: Uint8Array, ...statements: string[]): Promise<Uint8Array> {
  const db = await openPlainSqlite(bytes);
  try {
    for (const s of statements) db.run(s);
    return db.export();
  } finally {
    db.close();
  }
}
