import type { FileSource } from './fileSource';

/**
 * A line as parsers want it: without its terminator and without trailing blanks, which editors
 * and Windows tools add or keep and no format gives a meaning to.
 */
export function lineText(raw: string): string {
  let end = raw.length;
  while (end > 0) {
    const c = raw.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 13) break;
    end--;
  }
  return end === raw.length ? raw : raw.slice(0, end);
}

/** Splits text on `\n`, `\r\n` and a lone `\r` (old Mac tools, some chat exports). */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n?|\n/) : text.split('\n');
}

/**
 * Streams a text file line by line (see lineText). Decoding goes through a streaming TextDecoder
 * so a multi-byte character split across chunks stays intact. Yields batches of lines rather
 * than single lines: a generator step per line costs more than parsing a typical `perf script`
 * line. A line longer than the source's limit is replaced by an empty one and recorded in
 * `source.damage`: holding it whole would let one corrupt line take all memory.
 */
const LINE_BREAK = /[\r\n]/;

export async function* readLineBatches(
  source: FileSource,
  onRead?: (fileBytesRead: number) => void,
  signal?: AbortSignal,
): AsyncIterable<string[]> {
  const decoder = new TextDecoder('utf-8');
  const maxChars = source.limits.maxLineBytes;
  let carry = '';
  let linesSoFar = 0;
  let skipping = false;
  const overlong = () => {
    const seen = source.damage.overlongLines;
    if (seen) seen.count++;
    else source.damage.overlongLines = { count: 1, firstLine: linesSoFar + 1 };
  };
  for await (const chunk of source.chunks(onRead, signal)) {
    let decoded = decoder.decode(chunk, { stream: true });
    if (skipping) {
      // The rest of an over-long line is dropped as it comes, never held.
      const end = decoded.search(LINE_BREAK);
      if (end < 0) continue;
      decoded = decoded.slice(end);
      skipping = false;
    }
    if (!carry.endsWith('\r') && !LINE_BREAK.test(decoded)) {
      carry += decoded;
      if (carry.length > maxChars) {
        overlong();
        skipping = true;
        carry = '';
      }
      continue;
    }
    let text = carry + decoded;
    // A `\r` at the end may be the first half of a `\r\n` that the next chunk completes.
    const heldCr = text.endsWith('\r');
    if (heldCr) text = text.slice(0, -1);
    const lines = splitLines(text);
    carry = (lines.pop() ?? '') + (heldCr ? '\r' : '');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].length > maxChars) {
        overlong();
        lines[i] = '';
      } else lines[i] = lineText(lines[i]);
      linesSoFar++;
    }
    if (carry.length > maxChars) {
      overlong();
      skipping = true;
      carry = '';
    }
    if (lines.length) yield lines;
  }
  const tail = carry + decoder.decode();
  if (skipping || (tail.length && !tail.endsWith('\r'))) source.damage.unterminatedLastLine = linesSoFar + 1;
  if (skipping) yield [''];
  else if (tail.length) yield [lineText(tail)];
}
