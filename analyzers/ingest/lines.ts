import type { FileSource } from './fileSource';

/**
 * Streams a text file line by line (without the line terminator; `\r\n` handled). Decoding goes
 * through a streaming TextDecoder so a multi-byte character split across chunks stays intact.
 * Yields batches of lines rather than single lines: a generator step per line costs more than
 * parsing a typical `perf script` line.
 */
export async function* readLineBatches(
  source: FileSource,
  onRead?: (fileBytesRead: number) => void,
  signal?: AbortSignal,
): AsyncIterable<string[]> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  for await (const chunk of source.chunks(onRead, signal)) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l.length && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
    }
    if (lines.length) yield lines;
  }
  const tail = carry + decoder.decode();
  if (tail.length) yield [tail.endsWith('\r') ? tail.slice(0, -1) : tail];
}
