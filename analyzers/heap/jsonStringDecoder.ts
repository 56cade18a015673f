/**
 * Decodes the body of one JSON string (the bytes between the quotes) that contains escapes.
 * UTF-8 runs are decoded as they are; `\uXXXX` escapes append UTF-16 code units, so an escaped
 * surrogate pair (`\ud83d\ude00`) becomes one character and a lone surrogate stays as V8 wrote it.
 * Returns the string, or the offset (relative to `start`) of the first malformed escape.
 */
export function decodeEscapedJsonString(bytes: Uint8Array, start: number, end: number): string | { badEscapeAt: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  let runStart = start;
  let i = start;
  while (i < end) {
    if (bytes[i] !== 0x5c) {
      i++;
      continue;
    }
    if (i > runStart) out += buf.toString('utf8', runStart, i);
    if (i + 1 >= end) return { badEscapeAt: i - start };
    const c = bytes[i + 1];
    switch (c) {
      case 0x22: out += '"'; break;
      case 0x5c: out += '\\'; break;
      case 0x2f: out += '/'; break;
      case 0x62: out += '\b'; break;
      case 0x66: out += '\f'; break;
      case 0x6e: out += '\n'; break;
      case 0x72: out += '\r'; break;
      case 0x74: out += '\t'; break;
      case 0x75: {
        if (i + 6 > end) return { badEscapeAt: i - start };
        let unit = 0;
        for (let k = i + 2; k < i + 6; k++) {
          const h = hexValue(bytes[k]);
          if (h < 0) return { badEscapeAt: i - start };
          unit = unit * 16 + h;
        }
        out += String.fromCharCode(unit);
        i += 4;
        break;
      }
      default:
        return { badEscapeAt: i - start };
    }
    i += 2;
    runStart = i;
  }
  if (end > runStart) out += buf.toString('utf8', runStart, end);
  return out;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/**
 * Where the first malformed escape of a JSON string body is (relative to `start`), or -1: the check
 * the decoder makes, without building the string (a table read now and decoded later).
 */
export function badEscapeAt(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    if (bytes[i] !== 0x5c) {
      i++;
      continue;
    }
    if (i + 1 >= end) return i - start;
    const c = bytes[i + 1];
    if (c === 0x75) {
      if (i + 6 > end) return i - start;
      for (let k = i + 2; k < i + 6; k++) if (hexValue(bytes[k]) < 0) return i - start;
      i += 6;
    } else if (SIMPLE_ESCAPES.includes(c)) i += 2;
    else return i - start;
  }
  return -1;
}

/** The bytes after a backslash that stand for one character: `"` `\` `/` b f n r t. */
const SIMPLE_ESCAPES = [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74];
