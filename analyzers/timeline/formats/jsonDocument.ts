import { CancelledError, InputError } from '../../core/inputError';
import type { LoadContext } from '../../ingest/capability';
import { readWhole, type FileSource } from '../../ingest/fileSource';

/** JSON documents (a query_range answer, a k6 summary) are parsed whole; past this size a streamed export is the better input. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

async function readText(source: FileSource, ctx: LoadContext, phase: string, smallerExport: string): Promise<string> {
  const onRead = (done: number) => ctx.onProgress({ file: source.name, phase, done, total: source.sizeBytes, percent: (100 * done) / source.sizeBytes });
  const tooLarge = () => new InputError(source.name, `is larger than ${MAX_JSON_BYTES / 1024 / 1024} MiB of JSON; ${smallerExport}`);
  const text = (await readWhole(source, MAX_JSON_BYTES, tooLarge, onRead, ctx.signal)).toString('utf8');
  if (ctx.signal.aborted) throw new CancelledError();
  return text;
}

/** True when `prefix` fails only because it stops early (it could still become valid JSON). */
function failsOnlyAtEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    const at = /at position (\d+)/.exec(message);
    return /end of JSON input/.test(message) || (at !== null && Number(at[1]) >= prefix.length);
  }
}

/**
 * Where a JSON text goes wrong, as line and byte offset. Node 20's messages do not always carry a
 * position, so this bisects on prefixes: a prefix before the error only ends too early, one past
 * it has a real error. Runs only on the error path (about 30 parses for 256 MiB).
 */
function jsonErrorLocation(text: string): { line: number; byteOffset: number } {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (failsOnlyAtEnd(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  const pos = Math.min(lo, text.length - 1);
  let line = 1;
  for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) line++;
  return { line, byteOffset: Buffer.byteLength(text.slice(0, pos)) };
}

/** A whole JSON document; invalid JSON is an InputError naming the line and byte offset where it breaks. */
export async function readJsonDocument(source: FileSource, ctx: LoadContext, phase: string, smallerExport: string): Promise<unknown> {
  const text = await readText(source, ctx, phase, smallerExport);
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new InputError(source.name, `is not valid JSON (${message.split(', "')[0]})`, jsonErrorLocation(text));
  }
}
