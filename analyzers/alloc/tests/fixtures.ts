import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Loaded } from '../../ingest/capability';
import { openFileSource } from '../../ingest/fileSource';
import { detectFormat } from '../../ingest/registry';
import type { AllocArtifact, EventLogArtifact } from '../artifact';
import type { LeakReport } from '../model';

export const FIXTURES = join(__dirname, '../../../samples/alloc/fixtures');
export const SOURCE = join(__dirname, '../../../samples/alloc/player_manager.cpp');
export const fixture = (name: string) => join(FIXTURES, name);
export const fixtureText = (name: string) => readFileSync(fixture(name), 'utf8');

const ctx = { onProgress: () => {}, signal: new AbortController().signal };

/** Loads a file the way the app does: format detected from content, then streamed. */
export async function load(path: string): Promise<Loaded<AllocArtifact> & { formatId: string }> {
  const source = await openFileSource(path);
  const detected = detectFormat(source.head);
  if (!detected) throw new Error(`${path}: not detected`);
  const loaded = (await detected.format.load(source, ctx)) as Loaded<AllocArtifact>;
  return { ...loaded, formatId: detected.format.id };
}

export async function loadReport(name: string): Promise<Loaded<AllocArtifact> & { report: LeakReport; formatId: string }> {
  const loaded = await load(fixture(name));
  const a = loaded.artifact;
  return { ...loaded, report: a.type === 'event-log' ? a.unfreed : a };
}

export async function loadEventLog(path: string): Promise<Loaded<AllocArtifact> & { log: EventLogArtifact }> {
  const loaded = await load(path);
  if (loaded.artifact.type !== 'event-log') throw new Error('not an event log');
  return { ...loaded, log: loaded.artifact };
}

/** Writes a variant of real output (cut, mixed, garbled) to a temporary file. */
export function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'alloc-test-')), name);
  writeFileSync(path, content);
  return path;
}

/** The text of a source line, to check that a reported file:line is where the allocation is. */
export const sourceLine = (line: number) => readFileSync(SOURCE, 'utf8').split('\n')[line - 1];
