import { gzipSync } from 'node:zlib';

/**
 * The damage and disguises real files show, as pure functions of the original bytes and a seeded
 * random source: the same seed always makes the same corpus, so a failure found once is found again.
 */

/** mulberry32: small, fast and good enough to pick positions; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What a mutation promises about its output: `same` is the same input in another dress (findings
 * must not change; UTF-16 may instead be refused by name), `damaged` must be analysed or refused by
 * name and, when cut, never presented as complete, `hostile` must end without crash, hang or script.
 */
export type MutationKind = 'same' | 'damaged' | 'hostile';

export interface Mutation {
  name: string;
  kind: MutationKind;
  /** True when the output is a cut of the original: it must be marked incomplete or carry a notice. */
  cut?: boolean;
  /** Undefined when the mutation does not apply to this content (no number to cut, no UTF-8 to split). */
  apply(content: Buffer, random: () => number): Buffer | undefined;
}

const pick = (random: () => number, n: number) => Math.floor(random() * n);

/** A position in the part of the file after its header, where the records are. */
const bodyPosition = (random: () => number, length: number) => Math.floor(length * (0.3 + 0.6 * random()));

function positionsOf(content: Buffer, test: (byte: number, i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = Math.floor(content.length * 0.2); i < content.length; i++) if (test(content[i], i)) out.push(i);
  return out;
}

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** A run of digits (with its fraction) somewhere past the header: [start, end). */
function numberSpan(content: Buffer, random: () => number): [number, number] | undefined {
  const starts = positionsOf(content, (b, i) => isDigit(b) && !isDigit(content[i - 1]) && content[i - 1] !== 0x2e && !isLetter(content[i - 1]));
  if (!starts.length) return undefined;
  const start = starts[pick(random, starts.length)];
  let end = start;
  while (end < content.length && (isDigit(content[end]) || (content[end] === 0x2e && isDigit(content[end + 1])))) end++;
  if (isLetter(content[end]) || content[end] === 0x5f) return undefined;
  return [start, end];
}

const isLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

function replaceNumber(replacement: (digits: string) => string): Mutation['apply'] {
  return (content, random) => {
    const span = numberSpan(content, random);
    if (!span) return undefined;
    const digits = content.subarray(span[0], span[1]).toString('latin1');
    return Buffer.concat([content.subarray(0, span[0]), Buffer.from(replacement(digits)), content.subarray(span[1])]);
  };
}

function lines(content: Buffer): string[] {
  return content.toString('utf8').split('\n');
}

const isText = (content: Buffer) => !content.subarray(0, 4096).includes(0);

/** Every mutation the fuzz run and the fixed subset in `npm test` draw from. */
export const MUTATIONS: readonly Mutation[] = [
  // Editors and Windows tools put a BOM in front of text; no tool writes one before a binary profile.
  { name: 'utf8-bom', kind: 'same', apply: (c) => (isText(c) ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), c]) : undefined) },
  { name: 'crlf', kind: 'same', apply: (c) => (isText(c) ? Buffer.from(c.toString('utf8').replace(/\r?\n/g, '\r\n')) : undefined) },
  { name: 'lone-cr', kind: 'same', apply: (c) => (isText(c) ? Buffer.from(c.toString('utf8').replace(/\r?\n/g, '\r')) : undefined) },
  {
    name: 'trailing-whitespace',
    kind: 'same',
    apply: (c) => (isText(c) ? Buffer.from(c.toString('utf8').replace(/\r?\n/g, ' \t\n')) : undefined),
  },
  {
    name: 'no-final-newline',
    kind: 'same',
    // A file ending in a blank line (perf script ends each record with one) would lose a line, not a terminator.
    apply: (c) => (c[c.length - 1] === 0x0a && c[c.length - 2] !== 0x0a ? c.subarray(0, -1) : undefined),
  },
  {
    name: 'utf16le-bom',
    kind: 'same',
    apply: (c) => (isText(c) ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(c.toString('utf8'), 'utf16le')]) : undefined),
  },
  { name: 'gzip', kind: 'same', apply: (c) => (c[0] === 0x1f && c[1] === 0x8b ? undefined : gzipSync(c)) },
  { name: 'truncate-40pct', kind: 'damaged', cut: true, apply: (c) => c.subarray(0, Math.floor(c.length * 0.4)) },
  {
    name: 'truncate-mid-number',
    kind: 'damaged',
    cut: true,
    apply: (c, r) => {
      const span = numberSpan(c, r);
      return span && span[1] - span[0] > 1 ? c.subarray(0, span[0] + 1) : undefined;
    },
  },
  {
    name: 'truncate-mid-string',
    kind: 'damaged',
    cut: true,
    apply: (c, r) => {
      const quotes = positionsOf(c, (b, i) => b === 0x22 && isLetter(c[i + 1]) && isLetter(c[i + 2]));
      return quotes.length ? c.subarray(0, quotes[pick(r, quotes.length)] + 2) : undefined;
    },
  },
  {
    name: 'truncate-mid-utf8',
    kind: 'damaged',
    cut: true,
    apply: (c, r) => {
      const leads = positionsOf(c, (b) => b >= 0xc2 && b <= 0xf4);
      return leads.length ? c.subarray(0, leads[pick(r, leads.length)] + 1) : undefined;
    },
  },
  {
    name: 'bit-flips',
    kind: 'damaged',
    apply: (c, r) => {
      const out = Buffer.from(c);
      for (let i = 0; i < 3; i++) out[bodyPosition(r, out.length)] ^= 1 << pick(r, 8);
      return out;
    },
  },
  {
    name: 'delete-line',
    kind: 'damaged',
    apply: (c, r) => {
      const ls = lines(c);
      if (ls.length < 4) return undefined;
      ls.splice(1 + pick(r, ls.length - 2), 1);
      return Buffer.from(ls.join('\n'));
    },
  },
  {
    name: 'duplicate-line',
    kind: 'damaged',
    apply: (c, r) => {
      const ls = lines(c);
      if (ls.length < 4) return undefined;
      const at = 1 + pick(r, ls.length - 2);
      ls.splice(at, 0, ls[at]);
      return Buffer.from(ls.join('\n'));
    },
  },
  { name: 'huge-number', kind: 'damaged', apply: replaceNumber(() => '1e26') },
  { name: 'negative-number', kind: 'damaged', apply: replaceNumber((d) => `-${d}`) },
  { name: 'nan-number', kind: 'damaged', apply: replaceNumber(() => 'NaN') },
  {
    name: 'invalid-utf8',
    kind: 'damaged',
    apply: (c, r) => {
      const at = bodyPosition(r, c.length);
      return Buffer.concat([c.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), c.subarray(at)]);
    },
  },
  { name: 'gzip-truncated', kind: 'damaged', cut: true, apply: (c) => { const gz = gzipSync(c); return gz.subarray(0, Math.floor(gz.length * 0.6)); } },
  { name: 'gzip-trailing-garbage', kind: 'damaged', apply: (c) => Buffer.concat([gzipSync(c), Buffer.from('garbage after the member\n')]) },
  {
    name: 'script-in-names',
    kind: 'hostile',
    apply: (c) => {
      const name = mostFrequentName(c.toString('utf8'));
      if (!name) return undefined;
      return Buffer.from(c.toString('utf8').split(name).join(`${name}<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))`));
    },
  },
];

/** The identifier a file repeats most (a function, a metric, a constructor): where an attacker's name would go. */
function mostFrequentName(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const m of text.slice(0, 1 << 20).matchAll(/\b[A-Za-z_][A-Za-z0-9_]{5,}[A-Za-z0-9]\b/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  const keys = /^(nodes?|edges?|strings|snapshot|metric|values?|frames?|stacks?|timestamp|samples|trace_\w+|location\w*|status|result\w*|resultType|matrix|data|detail|title|kind|labels|type|format|version|tsUnit|startEpochMs|process|address|contentions?|duration)$/;
  let best: [string, number] | undefined;
  for (const [k, n] of counts) if (!keys.test(k) && n >= 2 && (!best || n > best[1])) best = [k, n];
  return best?.[0];
}

export function mutationNamed(name: string): Mutation {
  const m = MUTATIONS.find((x) => x.name === name);
  if (!m) throw new Error(`no mutation ${name}`);
  return m;
}
