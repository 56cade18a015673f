import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/inputError';
import { EDGE_NAMES_OF_NOTE } from '../edgeNamesOfNote';
import { DIGITS } from '../stringTable';
import { parseText, SAMPLE_NAMES, sampleText, snapshotText, type HandNode } from './fixtures';

const TINY_GRAPH: HandNode[] = [
  { type: 'synthetic', name: '', edges: [{ type: 'element', name: 1, to: 1 }] },
  { type: 'synthetic', name: '(GC roots)', edges: [{ type: 'property', name: 'caf\u00e9', to: 2 }] },
  { type: 'string', name: 'caf\u00e9 \u{1F600}', size: 24 },
];

/** JSON source of strings as V8 and other writers spell them: every escape form, raw multi-byte UTF-8, lone surrogates. */
const LITERALS = [
  String.raw`"quote \" backslash \\ slash \/ end"`,
  String.raw`"\b\f\n\r\t and \u0001 \u001B"`,
  String.raw`"\u00e9\u00E9 = é"`,
  String.raw`"escaped pair \ud83d\ude00 = 😀"`,
  String.raw`"lone \ud800 and \udfff stay lone"`,
  String.raw`"\\\\\\"`,
  String.raw`"\\\" ends with an escaped quote\""`,
  '"raw 😀 four bytes, 中文 three, ñ two"',
  '""',
  String.raw`"\u0000 nul"`,
];

describe('the strings section', () => {
  const text = snapshotText(TINY_GRAPH, LITERALS);
  const expected = (JSON.parse(text) as { strings: string[] }).strings;

  it('decodes every escape form and raw UTF-8 like JSON.parse', () => {
    const g = parseText(text);
    expect(g.strings.toArray()).toEqual(expected);
    expect(g.strings.toArray()).toContain('escaped pair \u{1F600} = \u{1F600}');
    expect(g.strings.toArray()).toContain('lone \ud800 and \udfff stay lone');
  });

  it('gives the same strings whatever byte the chunks are split at', () => {
    const bytes = Buffer.from(text, 'utf8');
    const start = bytes.indexOf('"strings"');
    for (let split = start; split < bytes.length; split++) {
      const g = parseText(bytes, [split, bytes.length]);
      if (JSON.stringify(g.strings.toArray()) !== JSON.stringify(expected)) throw new Error(`strings differ when split at byte ${split}`);
    }
  });

  it('gives the same strings from an all-ASCII table (read a chunk at a time, escapes among plain strings), whatever byte the chunks are split at', () => {
    const ascii = snapshotText([{ type: 'synthetic', name: '', edges: [{ type: 'element', name: 1, to: 1 }] }, { type: 'synthetic', name: '(GC roots)' }], [...LITERALS.filter((l) => Buffer.from(l).every((b) => b < 0x80)), '"plain"', '"another plain one, longer than a sliced string\'s minimum"', '"x"']);
    const want = (JSON.parse(ascii) as { strings: string[] }).strings;
    expect(want).toContain('quote " backslash \\ slash / end');
    expect(want).toContain('lone \ud800 and \udfff stay lone');
    const start = ascii.indexOf('"strings"');
    for (let split = start; split < ascii.length; split++) {
      const g = parseText(ascii, [split, ascii.length]);
      if (JSON.stringify(g.strings.toArray()) !== JSON.stringify(want)) throw new Error(`strings differ when split at byte ${split}`);
    }
    expect(parseText(ascii).strings.toArray()).toEqual(want);
  });

  it('gives the same strings when fed one, two or three bytes at a time', () => {
    for (const size of [1, 2, 3]) expect(parseText(text, [size]).strings.toArray()).toEqual(expected);
  });

  it('reports a malformed escape with the byte offset of its backslash', () => {
    const bad = snapshotText(TINY_GRAPH, [String.raw`"fine"`, String.raw`"bad \x escape"`]);
    const error = catchError(() => parseText(bad, [5]));
    expect(error).toBeInstanceOf(InputError);
    expect(error.where.section).toBe('strings');
    expect(error.where.byteOffset).toBe(Buffer.from(bad).indexOf('\\x'));
  });

  it('rejects a truncated \\u escape', () => {
    const error = catchError(() => parseText(snapshotText(TINY_GRAPH, [String.raw`"\u12"`])));
    expect(error.where.section).toBe('strings');
    expect(error.message).toMatch(/malformed escape/);
  });
});

describe.each(SAMPLE_NAMES.slice(2))('the strings of %s', (name) => {
  it('match JSON.parse when tokens straddle chunks of 1 to 65537 bytes', () => {
    const text = sampleText(name);
    const { strings } = JSON.parse(text) as { strings: string[] };
    // Real snapshots carry escapes (\n in source text, \u001B) and lone surrogates (V8's own tables).
    expect(text).toMatch(/\\ud[89ab][0-9a-f]{2}/i);
    expect(text).toMatch(/\\n/);
    const g = parseText(text, [1, 7, 65537, 2, 4093, 3, 30011]);
    expect(g.strings.length).toBe(strings.length);
    expect(g.strings.toArray()).toEqual(strings);
  });

  it('answers indexOf, equals and match from the bytes as the decoded strings do', () => {
    const { strings } = JSON.parse(sampleText(name)) as { strings: string[] };
    const table = parseText(sampleText(name), [65537]).strings;
    for (const s of ['context', '', 'system / Context', '__proto__', 'no such name', strings[strings.length - 1], strings.find((x) => x.includes('\n'))!]) {
      expect(table.indexOf(s)).toBe(strings.indexOf(s));
    }
    const names = ['context', 'table', '__proto__', '', strings.find((x) => x.includes('\n'))!];
    const matched = table.match(names);
    strings.forEach((s, i) => {
      const expected = /^[0-9]+$/.test(s) ? DIGITS : names.indexOf(s) + 1;
      if (matched[i] !== expected) throw new Error(`string ${i} ${JSON.stringify(s)}: matched ${matched[i]}, expected ${expected}`);
      if (!table.equals(i, s) || table.equals(i, `${s}x`) || (s.length > 0 && table.equals(i, s.slice(1)))) throw new Error(`string ${i} ${JSON.stringify(s)}: equals is wrong`);
    });
    expect([...new Set(matched)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, DIGITS]);
  });

  it('marks the edge names of note as each string is read (chunks of 1 to 65537 bytes), as a pass over the decoded strings finds them', () => {
    const { strings } = JSON.parse(sampleText(name)) as { strings: string[] };
    for (const chunks of [[65537], [1, 7, 4093]]) {
      const table = parseText(sampleText(name), chunks).strings;
      expect(table.parts.marked?.names).toEqual(EDGE_NAMES_OF_NOTE);
      const matched = table.match(EDGE_NAMES_OF_NOTE);
      const expected = strings.map((s) => (/^[0-9]+$/.test(s) ? DIGITS : EDGE_NAMES_OF_NOTE.indexOf(s) + 1));
      expect([...matched]).toEqual(expected);
      // Every name of note is in a real snapshot, and so are indexes.
      expect(new Set(matched)).toEqual(new Set([0, DIGITS, ...EDGE_NAMES_OF_NOTE.map((_, i) => i + 1)]));
    }
  });
});

function catchError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no InputError thrown');
}
