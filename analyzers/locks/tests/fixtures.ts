import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openFileSource } from '../../ingest/fileSource';
import type { LoadedInput } from '../../ingest/capability';
import { quietContext } from '../../ingest/tests/loadForTest';
import type { LockCapture } from '../model';
import { perfScriptFormat } from '../perfScript';

/** Real outputs made by samples/locks/generate.sh. */
export const FIXTURES = join(__dirname, '../../../samples/locks/fixtures');
export const fixturePath = (name: string): string => join(FIXTURES, name);

export function fixtureText(name: string): string {
  const raw = readFileSync(fixturePath(name));
  return (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
}

export { quietContext } from '../../ingest/tests/loadForTest';

export async function loadScript(name: string): Promise<LoadedInput<LockCapture>> {
  const loaded = await perfScriptFormat.load(await openFileSource(fixturePath(name)), quietContext());
  return { ...loaded, file: name, formatId: perfScriptFormat.id };
}
