import { decodeEscapedJsonString } from './jsonStringDecoder';

/** The name given to every string a cut snapshot lost: it reads as what it is wherever a class name shows. */
export const LOST_NAME = '(name lost: file cut)';

const QUOTE = 0x22;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const UINT32_MAX = 0xffffffff;
/** `match`'s mark of a string that is one or more ASCII digits. */
export const DIGITS = 255;
/** Decoded strings kept, one per slot of `index & (MEMO_SLOTS - 1)`: a view's labels ask for the same few names again and again. */
const MEMO_SLOTS = 4096;

/** What a table is made of: plain arrays, so a parse thread can move them to another thread without a copy. */
export interface StringTableParts {
  /** The `strings` section as the file spells it (UTF-8, JSON-escaped, quotes and commas included). */
  bytes: Uint8Array;
  /** Offset in `bytes` of string i's opening quote; `bounds[read]` is just past the last string's closing quote. */
  bounds: Uint32Array | Float64Array;
  /** Bit i: string i has backslash escapes (checked when read: every escape is well formed). */
  escapes: Uint8Array;
  /** Strings the file holds. */
  read: number;
  /** `read` + the names a cut file lost (each `LOST_NAME`). */
  length: number;
  /**
   * What `match(marked.names)` gives each string read, as the writer found it when the string closed
   * (an escaped string is 0 here: `match` decodes it).
   */
  marked?: { names: readonly string[]; marks: Uint8Array };
}

/**
 * The snapshot's string table, kept as the file's bytes and decoded one string at a time when asked:
 * a catalog-heavy heap has millions of strings, and as JS strings they cost their headers, the GC's
 * time and, from a parse thread, a structured-clone copy; most are never looked at (the name of a
 * `string` node). Readers that go over many nodes decode each distinct index once.
 */
export class StringTable {
  readonly length: number;
  /** Strings the file holds; indexes from `read` to `length - 1` are names a cut file lost. */
  readonly read: number;
  private readonly buf: Buffer;
  private readonly memoIndex = new Int32Array(MEMO_SLOTS).fill(-1);
  private readonly memoValue: string[] = new Array<string>(MEMO_SLOTS).fill('');
  private readonly found = new Map<string, number>();
  /** `equals`' strings as UTF-8, encoded once each; null for one with a lone surrogate (its bytes would read as U+FFFD). */
  private readonly needles = new Map<string, Uint8Array | null>();

  constructor(readonly parts: StringTableParts) {
    this.length = parts.length;
    this.read = parts.read;
    this.buf = Buffer.from(parts.bytes.buffer, parts.bytes.byteOffset, parts.bytes.byteLength);
  }

  get(i: number): string {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`string ${i} is not in a table of ${this.length}`);
    if (i >= this.read) return LOST_NAME;
    const slot = i & (MEMO_SLOTS - 1);
    if (this.memoIndex[slot] === i) return this.memoValue[slot];
    const s = this.decode(i);
    this.memoIndex[slot] = i;
    this.memoValue[slot] = s;
    return s;
  }

  /** The first index of `s`, or -1 (remembered: a few names such as `context` are asked for per object). */
  indexOf(s: string): number {
    let at = this.found.get(s);
    if (at === undefined) this.found.set(s, (at = this.search(s)));
    return at;
  }

  /** `get(i) === s`, compared on the file's bytes: only an escaped string is decoded (a reader that looks for an edge by name asks this of every edge it passes). */
  equals(i: number, s: string): boolean {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`string ${i} is not in a table of ${this.length}`);
    if (i >= this.read) return s === LOST_NAME;
    const needle = this.needle(s);
    if (needle === null || this.escaped(i)) return this.decode(i) === s;
    const start = this.start(i);
    if (this.end(i) - start !== needle.length) return false;
    const bytes = this.parts.bytes;
    for (let k = 0; k < needle.length; k++) if (bytes[start + k] !== needle[k]) return false;
    return true;
  }

  /**
   * Per string: 1 + its index in `names` when it is one of them, `DIGITS` when it is one or more ASCII
   * digits, else 0. One pass over the bytes, decoding only the escaped strings: a table holds millions
   * of strings, and decoding each to compare it cost ~0.4 s a snapshot.
   */
  match(names: readonly string[]): Uint8Array {
    if (names.length >= DIGITS) throw new RangeError(`match takes fewer than ${DIGITS} names`);
    const needles = names.map((n) => Buffer.from(n, 'utf8'));
    const out = new Uint8Array(this.length);
    const { bytes, bounds, marked } = this.parts;
    if (marked && sameNames(marked.names, names)) {
      out.set(marked.marks.subarray(0, this.read));
    } else {
      const longest = Math.max(0, ...needles.map((n) => n.length));
      for (let i = 0; i < this.read; i++) {
        if (this.escaped(i)) continue;
        let end = bounds[i + 1] - 1;
        while (bytes[end] !== QUOTE) end--;
        out[i] = markOf(bytes, bounds[i] + 1, end, needles, longest);
      }
    }
    const { escapes } = this.parts;
    for (let byte = 0; byte < escapes.length; byte++) {
      if (escapes[byte] === 0) continue;
      for (let i = byte * 8; i < byte * 8 + 8 && i < this.read; i++) {
        if (!this.escaped(i)) continue;
        const s = this.decode(i);
        out[i] = /^[0-9]+$/.test(s) ? DIGITS : names.indexOf(s) + 1;
      }
    }
    out.fill(names.indexOf(LOST_NAME) + 1, this.read);
    return out;
  }

  /** Every string, decoded (tests and small tables only). */
  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }

  private start(i: number): number {
    return this.parts.bounds[i] + 1;
  }

  /** Offset of string i's closing quote: only a comma and whitespace lie between it and the next string's opening quote. */
  private end(i: number): number {
    const bytes = this.parts.bytes;
    let k = this.parts.bounds[i + 1] - 1;
    while (bytes[k] !== QUOTE) k--;
    return k;
  }

  private needle(s: string): Uint8Array | null {
    let needle = this.needles.get(s);
    if (needle === undefined) {
      const utf8 = Buffer.from(s, 'utf8');
      this.needles.set(s, (needle = utf8.toString('utf8') === s ? utf8 : null));
    }
    return needle;
  }

  private escaped(i: number): boolean {
    return (this.parts.escapes[i >>> 3] & (1 << (i & 7))) !== 0;
  }

  private decode(i: number): string {
    const start = this.start(i);
    const end = this.end(i);
    if (!this.escaped(i)) return this.buf.toString('utf8', start, end);
    const s = decodeEscapedJsonString(this.parts.bytes, start, end);
    // The writer checked every escape: a malformed one here means the table was built wrongly.
    if (typeof s !== 'string') throw new Error(`string ${i} has a malformed escape that was not caught when read`);
    return s;
  }

  private search(s: string): number {
    for (let i = 0; i < this.read; i++) if (this.equals(i, s)) return i;
    return s === LOST_NAME && this.length > this.read ? this.read : -1;
  }
}

/**
 * Collects the `strings` section's bytes while the parser finds where each string opens and closes
 * (`open`/`close`, offsets in the bytes appended so far): one copy per chunk, no JS string per entry.
 */
export class StringTableWriter {
  private bytes: Uint8Array;
  private used = 0;
  private bounds: Uint32Array | Float64Array;
  private escapes: Uint8Array;
  /** Strings closed so far. */
  count = 0;
  private closedAt = 0;
  private marks: Uint8Array;
  private readonly needles: Uint8Array[];
  private readonly longest: number;

  /**
   * `expectedBytes`: the section's size if known (the rest of a plain file): the bytes are then never
   * copied to grow. `marked`: names each string is matched against as it closes, while its bytes are
   * at hand (the table's `match` of them then needs no pass of its own).
   */
  constructor(
    expectedBytes: number,
    private readonly marked: readonly string[] = [],
  ) {
    this.needles = marked.map((n) => Buffer.from(n, 'utf8'));
    this.longest = Math.max(0, ...this.needles.map((n) => n.length));
    this.bytes = new Uint8Array(Math.max(1 << 16, expectedBytes));
    // Room for a string every 8 bytes, more than V8's tables hold (measured: 2.7 M strings in
    // 34 MiB, 13 bytes each with quotes and separators), so the offsets are not regrown; room never
    // written to costs no memory.
    const room = Math.max(1024, Math.min(Math.ceil(expectedBytes / 8), 1 << 30));
    this.bounds = new Uint32Array(room);
    this.escapes = new Uint8Array(room >>> 3);
    this.marks = new Uint8Array(marked.length > 0 ? room : 0);
  }

  /** Offset in the table of the next byte `append` adds. */
  get byteLength(): number {
    return this.used;
  }

  /** Where the string being read opens (its quote's offset). */
  get openedAt(): number {
    return this.bounds[this.count];
  }

  /** The table's bytes so far (a view: valid until the next `append`). */
  get view(): Uint8Array {
    return this.bytes.subarray(0, this.used);
  }

  append(b: Uint8Array, from: number, to: number): void {
    const need = this.used + (to - from);
    if (need > this.bytes.length) {
      const next = new Uint8Array(Math.max(need, this.bytes.length * 2));
      next.set(this.bytes.subarray(0, this.used));
      this.bytes = next;
    }
    this.bytes.set(b.subarray(from, to), this.used);
    this.used = need;
  }

  /** Drops the bytes from `at` on (what followed the section's end in its last chunk). */
  truncate(at: number): void {
    this.used = at;
  }

  /** String `count` opens with the quote at `at`. */
  open(at: number): void {
    if (this.count + 1 >= this.bounds.length) this.growBounds();
    // Offsets past 4 GiB (a table of huge strings): the offsets so far are widened once.
    if (at > UINT32_MAX && this.bounds instanceof Uint32Array) this.bounds = Float64Array.from(this.bounds);
    this.bounds[this.count] = at;
  }

  /** The open string closes with the quote at `at`. */
  close(at: number, hasEscapes: boolean): void {
    if (hasEscapes) this.escapes[this.count >>> 3] |= 1 << (this.count & 7);
    else if (this.marks.length > 0) this.marks[this.count] = markOf(this.bytes, this.bounds[this.count] + 1, at, this.needles, this.longest);
    this.count++;
    this.closedAt = at + 1;
  }

  /** The table, with `lost` names past the ones read (a cut file). */
  finish(lost: number): StringTable {
    if (this.count + 1 > this.bounds.length) this.growBounds();
    this.bounds[this.count] = this.closedAt;
    return new StringTable({
      bytes: this.bytes.subarray(0, this.closedAt),
      bounds: this.bounds.subarray(0, this.count + 1),
      escapes: this.escapes.subarray(0, (this.count + 8) >>> 3),
      read: this.count,
      length: this.count + lost,
      ...(this.marked.length > 0 ? { marked: { names: this.marked, marks: this.marks.slice(0, this.count) } } : {}),
    });
  }

  private growBounds(): void {
    const next = this.bounds instanceof Uint32Array ? new Uint32Array(this.bounds.length * 2) : new Float64Array(this.bounds.length * 2);
    next.set(this.bounds);
    this.bounds = next;
    const escapes = new Uint8Array(this.escapes.length * 2);
    escapes.set(this.escapes);
    this.escapes = escapes;
    if (this.marks.length > 0) {
      const marks = new Uint8Array(next.length);
      marks.set(this.marks);
      this.marks = marks;
    }
  }
}

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name, i) => name === b[i]);

/** `match`'s mark of the unescaped string `bytes[start .. end - 1]` among `needles` (the names as UTF-8; none longer than `longest`). */
function markOf(bytes: Uint8Array, start: number, end: number, needles: readonly Uint8Array[], longest: number): number {
  const length = end - start;
  if (length === 0) return needles.findIndex((n) => n.length === 0) + 1;
  let c = bytes[start];
  if (c >= DIGIT_0 && c <= DIGIT_9) {
    let k = start + 1;
    while (k < end && (c = bytes[k]) >= DIGIT_0 && c <= DIGIT_9) k++;
    if (k === end) return DIGITS;
  }
  if (length > longest) return 0;
  for (let n = 0; n < needles.length; n++) {
    const needle = needles[n];
    if (needle.length !== length) continue;
    let k = 0;
    while (k < length && bytes[start + k] === needle[k]) k++;
    if (k === length) return n + 1;
  }
  return 0;
}
