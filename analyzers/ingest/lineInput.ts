import { CancelledError } from '../core/inputError';
import type { LoadContext, Loaded } from './capability';
import type { FileSource } from './fileSource';
import { readLineBatches } from './lines';

/** How the text ended: a last line without a line end may have been cut in the middle. */
export interface TextEnd {
  lastLineUnterminated: boolean;
}

/** A text format's parser, fed one line at a time with its 1-based number. */
export interface LineParser<A> {
  push(text: string, lineNo: number): void;
  finish(end?: TextEnd): Loaded<A>;
}

/** Streams a text file through a line parser with progress and cancellation. */
export async function loadLines<A>(source: FileSource, ctx: LoadContext, parser: LineParser<A>, phase: string): Promise<Loaded<A>> {
  let lineNo = 0;
  const onRead = (done: number) =>
    ctx.onProgress({ file: source.name, phase, done, total: source.sizeBytes, percent: source.sizeBytes ? (100 * done) / source.sizeBytes : 100 });
  for await (const batch of readLineBatches(source, onRead, ctx.signal)) {
    if (ctx.signal.aborted) throw new CancelledError();
    for (const text of batch) parser.push(text, ++lineNo);
  }
  return parser.finish({ lastLineUnterminated: source.damage.unterminatedLastLine !== undefined });
}
