import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Loaded } from '../../ingest/capability';
import { loadDetected } from '../../ingest/tests/loadForTest';
import type { AllocArtifact, EventLogArtifact } from '../artifact';
import type { LeakReport } from '../model';

export { tempFile } from '../../ingest/tests/loadForTest';

/** Loads a file the way the app does: format detected from content, then streamed. */
export const load = (path: string) => loadDetected<AllocArtifact>(path);

export const FIXTURES = join(__dirname, '../../../samples/alloc/fixtures');
export const SOURCE = join(__dirname, '../../../samples/alloc/player_manager.cpp');
export const fixture = (name: string) => join(FIXTURES, name);
export const fixtureText = (name: string) => readFileSync(fixture(name), 'utf8');


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


/** The text of a source line, to check that a reported file:line is where the allocation is. */
export const sourceLine = (line: number) => readFileSync(SOURCE, 'utf8').split('\n')[line - 1];
