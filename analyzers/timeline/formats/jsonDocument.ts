import { CancelledError, InputError } from '../../core/inputError';
import type { LoadContext } from '../../ingest/capability';
import { readWhole, type FileSource } from '../../ingest/fileSource';
import { jsonDocumentOf } from '../../ingest/jsonDocument';

/** JSON documents (a query_range answer, a k6 summary) are parsed whole; past this size a streamed export is the better input. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** The whole text of a JSON document, with progress, refused past the size a whole parse can take. */
export async function readJsonText(source: FileSource, ctx: LoadContext, phase: string, smallerExport: string): Promise<string> {
  const onRead = (done: number) => ctx.onProgress({ file: source.name, phase, done, total: source.sizeBytes, percent: (100 * done) / source.sizeBytes });
  const tooLarge = () => new InputError(source.name, `is larger than ${MAX_JSON_BYTES / 1024 / 1024} MiB of JSON; ${smallerExport}`);
  const text = (await readWhole(source, MAX_JSON_BYTES, tooLarge, onRead, ctx.signal)).toString('utf8');
  if (ctx.signal.aborted) throw new CancelledError();
  return text;
}

/**
 * A whole JSON document that is useless in part (a k6 summary): invalid or cut JSON is an InputError
 * naming the line and byte offset where it breaks.
 */
export async function readJsonDocument(source: FileSource, ctx: LoadContext, phase: string, smallerExport: string): Promise<unknown> {
  const parsed = jsonDocumentOf(source.name, await readJsonText(source, ctx, phase, smallerExport));
  if (parsed.cut) throw new InputError(source.name, 'is not valid JSON (it ends before the document closes: cut short?)', parsed.cut);
  return parsed.doc;
}
