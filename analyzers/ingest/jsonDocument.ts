import { InputError } from '../core/inputError';
import { groupDigits } from '../core/numberFormat';
import type { InputNotice } from './capability';

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
  } catch {
    if (!failsOnlyAtEnd(text)) {
      const pos = jsonErrorPosition(text);
      return { error: whatIsWrongAt(text, pos), at: placeOf(text, pos) };
    }
    const doc = completePrefix(text);
    const at = placeOf(text, text.length);
    return doc === undefined ? { error: 'it ends before its first complete value (cut short?)', at } : { doc: doc.value, cut: at };
  }
}

/**
 * The document of `file`, or the complete values before its cut (`cut` says where); a real syntax
 * error is an InputError naming the line, the byte and what is wrong there.
 */
export function jsonDocumentOf(file: string, text: string): { doc: unknown; cut?: JsonPlace } {
  const parsed = parseJsonDocument(text);
  if ('error' in parsed) throw new InputError(file, `is not valid JSON: ${parsed.error}`, parsed.at);
  return parsed;
}

/** The notice of a document cut short: where it ends, and `read` (what of it was read). */
export function jsonCutNotice(cut: JsonPlace, read: string): InputNotice {
  return { message: `the JSON ends early at byte ${groupDigits(cut.byteOffset)} (line ${cut.line}): ${read}`, line: cut.line };
}

/**
 * What is wrong at `pos`, in the terms of the file rather than the engine's ("Unexpected token"):
 * the numbers JSON has no words for, a byte that was not UTF-8, or the character and what precedes it.
 */
function whatIsWrongAt(text: string, pos: number): string {
  const word = /^-?(?:NaN|Infinity)/.exec(text.slice(pos, pos + 9));
  if (word) return `${word[0]} is not a JSON number`;
  const c = text[pos];
  if (c === undefined) return 'it ends unexpectedly';
  if (c === '\uFFFD') return 'a byte that is not UTF-8 where a value or punctuation belongs';
  const code = c.charCodeAt(0);
  const shown = code < 0x20 || code === 0x7f ? `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(c);
  // What precedes it, from a whole token on: enough to find the place in an editor.
  const from = Math.max(0, pos - 24);
  const before = text.slice(from, pos).replace(/\s+/g, ' ').replace(from > 0 ? /^\S*\s/ : /^\s+/, '');
  return `unexpected ${shown}${before ? ` after ${JSON.stringify(before)}` : ''}`;
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
function jsonErrorPosition(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (failsOnlyAtEnd(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(lo, text.length - 1);
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
