/**
 * A fast reader for the event lines exactly as the trackers write them (keys in the documented
 * order, no spaces, integers): `{"type":"alloc","ptr":"0x…","size":N,"ts":N,"thread":N,"stack":N}`
 * and `{"type":"free","ptr":"0x…","ts":N,"thread":N}`. JSON.parse on every line of a multi-GB log
 * costs most of the reading time; any line that deviates returns false and goes through JSON.parse.
 */
export interface CanonicalEventSink {
  alloc(ptr: number, size: number, ts: number, stackId: number): void;
  free(ptr: number, ts: number): void;
}

const ALLOC = '{"type":"alloc","ptr":"0x';
const FREE = '{"type":"free","ptr":"0x';

/** The largest size one allocation can have: x86-64 and arm64 user space is 2^47 bytes. */
export const MAX_ALLOCATION_BYTES = 2 ** 47;

export function readCanonicalEventLine(text: string, sink: CanonicalEventSink): boolean {
  const isAlloc = text.startsWith(ALLOC);
  if (!isAlloc && !text.startsWith(FREE)) return false;
  let i = isAlloc ? ALLOC.length : FREE.length;
  const ptrEnd = text.indexOf('"', i);
  if (ptrEnd < 0 || ptrEnd - i > 13) return false;
  const ptr = parseInt(text.slice(i, ptrEnd), 16);
  if (Number.isNaN(ptr)) return false;
  i = ptrEnd + 1;
  let size = 0;
  if (isAlloc) {
    if ((i = expect(text, i, ',"size":')) < 0) return false;
    const n = readUint(text, i);
    if (n < 0 || value > MAX_ALLOCATION_BYTES) return false;
    size = value;
    i = n;
  }
  if ((i = expect(text, i, ',"ts":')) < 0) return false;
  let n = readUint(text, i);
  if (n < 0) return false;
  const ts = value;
  if ((i = expect(text, n, ',"thread":')) < 0) return false;
  if ((i = readUint(text, i)) < 0) return false;
  if (isAlloc) {
    if ((i = expect(text, i, ',"stack":')) < 0) return false;
    if ((n = readUint(text, i)) < 0) return false;
    if (n !== text.length - 1 || text.charCodeAt(n) !== 125 /* } */) return false;
    sink.alloc(ptr, size, ts, value);
    return true;
  }
  if (i !== text.length - 1 || text.charCodeAt(i) !== 125) return false;
  sink.free(ptr, ts);
  return true;
}

function expect(text: string, at: number, literal: string): number {
  return text.startsWith(literal, at) ? at + literal.length : -1;
}

/** The number read by the last readUint; a module variable avoids an object per call. */
let value = 0;

/** Reads a non-negative integer at `at`; returns the index after it, or -1. */
function readUint(text: string, at: number): number {
  let v = 0;
  let i = at;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  if (i === at || i - at > 15) return -1;
  value = v;
  return i;
}
