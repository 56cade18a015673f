/**
 * JSON documents parsed in one piece (a Prometheus answer, lock-stats JSON) that may have been cut
 * while being saved: a cut document yields the complete values before the cut, and where the cut is;
 * a document with a real syntax error is refused with its line and byte offset.
 */
export type JsonDocument = { doc: unknown; cut?: JsonPlace } | { error: string; at: JsonPlace };

/** Where in the text: the 1-based line and the UTF-8 byte offset. */
export interface JsonPlace {
  line: number;
  byteOffset: number;
}

export function parseJsonDocument(text: string): JsonDocument {
  try {
    return { doc: JSON.parse(text) };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split(', "')[0];
    if (!failsOnlyAtEnd(text)) return { error: message, at: jsonErrorLocation(text) };
    const doc = completePrefix(text);
    const at = placeOf(text, text.length);
    return doc === undefined ? { error: `${message}: the document is cut before its first complete value`, at } : { doc: doc.value, cut: at };
  }
}

/** True when `prefix` fails only because it stops early (it could still become valid JSON). */
function failsOnlyAtEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    const at = /at position (\d+)/.exec(message);
    return /end of JSON input|Unterminated string/.test(message) || (at !== null && Number(at[1]) >= prefix.length);
  }
}

/**
 * Where a JSON text goes wrong. Node 20's messages do not always carry a position, so this bisects
 * on prefixes: a prefix before the error only ends too early, one past it has a real error. Runs
 * only on the error path (about 30 parses for 256 MiB).
 */
export function jsonErrorLocation(text: string): JsonPlace {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (failsOnlyAtEnd(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return placeOf(text, Math.min(lo, text.length - 1));
}

/** The line and byte offset of a character position in a JSON text. */
export function placeOf(text: string, pos: number): JsonPlace {
  let line = 1;
  for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) line++;
  return { line, byteOffset: Buffer.byteLength(text.slice(0, pos)) };
}

/**
 * The longest prefix that ends after a complete value inside its containers, closed with the
 * brackets still open: `{"a":[1,2,{"b":` → `{"a":[1,2]}`. Tries the last few such points, since a
 * cut right after an object key leaves a member without its value.
 */
function completePrefix(text: string): { value: unknown } | undefined {
  const stack: number[] = [];
  const safe: { end: number; closers: string }[] = [];
  const mark = (end: number) => {
    safe.push({ end, closers: stack.map((c) => (c === 123 ? '}' : ']')).reverse().join('') });
    if (safe.length > 4) safe.shift();
  };
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      stack.push(c);
      // Only the root may be cut back to empty: an empty record inside is no record at all.
      if (stack.length === 1) mark(i + 1);
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      if (stack.length) mark(i + 1);
    } else if (c === 44 /* , */ && stack.length) mark(i);
  }
  for (let k = safe.length - 1; k >= 0; k--) {
    try {
      return { value: JSON.parse(text.slice(0, safe[k].end) + safe[k].closers) };
    } catch {
      // A key without its value: the point before it is complete.
    }
  }
  return undefined;
}
