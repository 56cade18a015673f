import { isUtf8 } from 'node:buffer';

/**
 * How the text of a file is encoded, told from its first bytes: files that passed through Windows
 * tools carry a UTF-8 byte-order mark, PowerShell's `>` writes UTF-16LE with one. Every parser reads
 * UTF-8 without a mark; this layer makes it so, once, for all formats.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export function detectEncoding(first: Uint8Array): { encoding: TextEncoding; markBytes: number } {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { encoding: 'utf-8', markBytes: 3 };
  if (first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf-16le', markBytes: 2 };
  if (first[0] === 0xfe && first[1] === 0xff) return { encoding: 'utf-16be', markBytes: 2 };
  // Without a mark, ASCII text in UTF-16 shows as every other byte zero.
  if (first.length >= 4 && first[0] !== 0 && first[1] === 0 && first[2] !== 0 && first[3] === 0) return { encoding: 'utf-16le', markBytes: 0 };
  if (first.length >= 4 && first[0] === 0 && first[1] !== 0 && first[2] === 0 && first[3] !== 0) return { encoding: 'utf-16be', markBytes: 0 };
  return { encoding: 'utf-8', markBytes: 0 };
}

/** Where the content stops being valid UTF-8: the parsers see U+FFFD there, the user gets told. */
export interface InvalidUtf8 {
  count: number;
  /** Byte offset in the (decompressed) content of the first invalid sequence. */
  firstByteOffset: number;
}

/**
 * Turns a stream of content chunks into UTF-8 without a byte-order mark, counting invalid UTF-8
 * on the way. A chunk may end inside a character; the few bytes of it wait for the next chunk.
 */
export async function* asUtf8(chunks: AsyncIterable<Buffer>, onInvalid: (found: InvalidUtf8) => void): AsyncIterable<Buffer> {
  let encoding: TextEncoding | undefined;
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let pending = Buffer.alloc(0);
  let offset = 0;
  let invalid: InvalidUtf8 | undefined;
  for await (const raw of chunks) {
    let chunk = raw;
    if (encoding === undefined) {
      // Four bytes tell the encoding; a first chunk shorter than that is joined with the next.
      pending = Buffer.concat([pending, chunk]);
      if (pending.length < 4) continue;
      const detected = detectEncoding(pending);
      encoding = detected.encoding;
      offset = detected.markBytes;
      chunk = pending.subarray(detected.markBytes);
      pending = Buffer.alloc(0);
      if (encoding !== 'utf-8') decoder = new TextDecoder(encoding);
    }
    if (decoder) {
      yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
      continue;
    }
    const joined = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const whole = joined.length - incompleteTail(joined);
    const body = joined.subarray(0, whole);
    if (!isUtf8(body)) invalid = countInvalid(body, offset, invalid);
    offset += whole;
    pending = Buffer.from(joined.subarray(whole));
    yield body;
  }
  if (encoding === undefined && pending.length) {
    // A file of fewer than four bytes: no mark to strip unless it is exactly one.
    const detected = detectEncoding(pending);
    pending = pending.subarray(detected.encoding === 'utf-8' ? detected.markBytes : 0);
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield Buffer.from(rest, 'utf8');
  } else if (pending.length) {
    if (!isUtf8(pending)) invalid = countInvalid(pending, offset, invalid);
    yield pending;
  }
  if (invalid) onInvalid(invalid);
}

/** Bytes at the end of `buf` that start a multi-byte character not yet complete (0–3). */
function incompleteTail(buf: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Counts invalid sequences the way a decoder replaces them (one per bad lead or stray byte). */
function countInvalid(buf: Uint8Array, offset: number, sofar: InvalidUtf8 | undefined): InvalidUtf8 {
  const found = sofar ?? { count: 0, firstByteOffset: -1 };
  const before = found.count;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const need = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = need > 0 && i + need <= buf.length;
    for (let k = 1; ok && k < need; k++) ok = (buf[i + k] & 0xc0) === 0x80;
    if (ok) {
      i += need;
      continue;
    }
    found.count++;
    if (found.firstByteOffset < 0) found.firstByteOffset = offset + i;
    i++;
  }
  // isUtf8 also refuses overlong forms and surrogates, which the scan above lets pass.
  if (found.count === before) {
    found.count++;
    if (found.firstByteOffset < 0) found.firstByteOffset = offset;
  }
  return found;
}
