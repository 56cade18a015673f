import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadContext, Loaded } from '../capability';
import { openFileSource } from '../fileSource';
import { detectFormat } from '../../pipeline/registry';

/** What every loader test passes: progress goes nowhere, nothing cancels. */
export const quietContext = (signal: AbortSignal = new AbortController().signal): LoadContext => ({ onProgress: () => {}, signal });

/** Loads a file the way the app does: format detected from content, then streamed. */
export async function loadDetected<A>(path: string): Promise<Loaded<A> & { formatId: string }> {
  const source = await openFileSource(path);
  const detected = detectFormat(source.head, source.headBytes);
  if (!detected) throw new Error(`${path}: not detected`);
  const loaded = (await detected.format.load(source, quietContext())) as Loaded<A>;
  return { ...loaded, formatId: detected.format.id };
}

/** Writes a variant of real output (cut, mixed, garbled) to a file of its own in a temporary folder. */
export function tempFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'aftermath-test-')), name);
  writeFileSync(path, content);
  return path;
}
