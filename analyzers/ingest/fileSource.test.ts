import { mkdtempSync, writeFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Bytes } from '../core/units';
import { DEFAULT_INPUT_LIMITS, openFileSource, type ChunkLifetime, type FileSource } from './fileSource';
import { readLineBatches } from './lines';

const dir = mkdtempSync(join(tmpdir(), 'aftermath-filesource-'));
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

async function collect(path: string): Promise<string> {
  const s = await openFileSource(path);
  const parts: Buffer[] = [];
  for await (const c of s.chunks()) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

describe('openFileSource', () => {
  it('refuses an empty file, a directory and a missing file, naming the file', async () => {
    await expect(openFileSource(file('empty.heapsnapshot', ''))).rejects.toThrow(/empty\.heapsnapshot: is empty/);
    mkdirSync(join(dir, 'folder'));
    await expect(openFileSource(join(dir, 'folder'))).rejects.toThrow(/folder: is a directory/);
    await expect(openFileSource(join(dir, 'missing.txt'))).rejects.toThrow(/missing\.txt: does not exist/);
  });

  it('reads a plain file into two buffers in turn for a reader that copies what it keeps (`until-next`), the same content as kept chunks', async () => {
    // Three and a half chunks, a 3-byte character across each chunk boundary, a BOM to strip.
    const text = `\ufeff${'a'.repeat((1 << 20) - 4)}€${'b'.repeat((1 << 20) - 2)}€${'c'.repeat(1 << 20)}€${'d'.repeat(1 << 19)}`;
    const path = file('turns.txt', text);
    const source = await openFileSource(path);
    const read: number[] = [];
    const copies: Buffer[] = [];
    for await (const c of source.chunks((n) => read.push(n), undefined, 'until-next')) copies.push(Buffer.from(c));
    expect(Buffer.concat(copies).toString('utf8')).toBe(text.slice(1));
    expect(Buffer.concat(copies).toString('utf8')).toBe(await collectSource(source));
    expect(read.at(-1)).toBe(Buffer.byteLength(text));
    expect(source.damage.invalidUtf8).toBeUndefined();
    // The raw chunks are views of the two buffers: no buffer a read.
    const views = new Set<ArrayBufferLike>();
    for await (const c of source.bytes(undefined, undefined, 'until-next')) views.add(c.buffer);
    expect(views.size).toBe(2);
  });

  it('stops a read in turn that its reader leaves early, and names the file when the read fails', async () => {
    const path = file('early.txt', 'x'.repeat(3 << 20));
    const source = await openFileSource(path);
    for await (const c of source.chunks(undefined, undefined, 'until-next')) {
      expect(c.length).toBe(1 << 20);
      break;
    }
    const gone = await openFileSource(file('gone.txt', 'y'.repeat(1 << 20)));
    unlinkSync(gone.path);
    const readAll = async (lifetime: ChunkLifetime) => {
      for await (const _ of gone.chunks(undefined, undefined, lifetime));
    };
    const kept = await readAll('kept').catch((e: Error) => e.message);
    expect(kept).toMatch(/^gone\.txt: /);
    await expect(readAll('until-next')).rejects.toThrow(kept);
  });

  it('reads gzip transparently and sniffs the decompressed head', async () => {
    const text = '{"snapshot":{"meta":{}}}\n'.repeat(1000);
    const path = file('a.json.gz', gzipSync(text));
    const source = await openFileSource(path);
    expect(source.gzipped).toBe(true);
    expect(source.head.startsWith('{"snapshot"')).toBe(true);
    expect(await collect(path)).toBe(text);
  });

  it('yields what a cut gzip file holds and records where the stream broke off', async () => {
    const text = 'line of text\n'.repeat(400_000);
    const full = gzipSync(text);
    const source = await openFileSource(file('cut.gz', full.subarray(0, full.length - 100)));
    const got = await collectSource(source);
    expect(text.startsWith(got)).toBe(true);
    expect(got.length).toBeGreaterThan(text.length / 2);
    expect(source.damage.gzipCutAtByte).toBeGreaterThan(0);
    expect(source.damage.gzipError).toMatch(/unexpected end/);
  });

  it('refuses a gzip header over garbage, and bytes appended after a complete member, by name and why', async () => {
    await expect(collect(file('garbage.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x63, 0]), Buffer.alloc(200, 'z')])))).rejects.toThrow(/garbage\.gz: is not valid gzip data/);
    const trailing = file('trailing.gz', Buffer.concat([gzipSync('complete\n'.repeat(100_000)), Buffer.from('junk after the member')]));
    await expect(collect(trailing)).rejects.toThrow(/trailing\.gz: has bytes after the end of its gzip data that are not gzip .*gzip -dc/);
  });

  it('refuses a gzip bomb by name and limit once it inflates past the ratio, without holding it', async () => {
    const bomb = gzipSync(Buffer.alloc(40 * 2 ** 20, 'a'), { level: 9 });
    const source = await openFileSource(file('bomb.gz', bomb), { ...DEFAULT_INPUT_LIMITS, maxInflateRatio: 10, inflateFloorBytes: 2 ** 20 });
    let largest = 0;
    const read = (async () => {
      for await (const chunk of source.chunks()) largest = Math.max(largest, chunk.length);
    })();
    await expect(read).rejects.toThrow(/bomb\.gz: inflates to more than 10× its size .*--max-inflate-ratio/);
    expect(largest).toBeLessThanOrEqual(1 << 20);
  });

  it('strips a UTF-8 byte-order mark and reads UTF-16 (with or without a mark) as UTF-8', async () => {
    const text = 'Day 1, 10:00 - déploiement €\n';
    for (const [name, bytes] of [
      ['bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
      ['le-nomark.txt', Buffer.from(text, 'utf16le')],
    ] as const) {
      const source = await openFileSource(file(name, bytes));
      expect(source.head, name).toBe(text);
      expect(await collectSource(source), name).toBe(text);
    }
  });

  it('counts invalid UTF-8 with the offset of the first bad byte, also across chunk boundaries', async () => {
    const pad = 'a'.repeat((1 << 20) - 1);
    const bytes = Buffer.concat([Buffer.from(pad), Buffer.from('€'), Buffer.from('ok '), Buffer.from([0xc3, 0x28]), Buffer.from(' and '), Buffer.from([0xff])]);
    const source = await openFileSource(file('bad-utf8.txt', bytes));
    await collectSource(source);
    expect(source.damage.invalidUtf8).toEqual({ count: 2, firstByteOffset: pad.length + 3 + 3 });
    const clean = await openFileSource(file('split-char.txt', Buffer.concat([Buffer.from(pad), Buffer.from('€ fine')])));
    await collectSource(clean);
    expect(clean.damage.invalidUtf8).toBeUndefined();
  });
});

async function collectSource(source: FileSource): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of source.chunks()) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

describe('readLineBatches', () => {
  it('splits CRLF and LF lines and keeps multi-byte characters split across chunks', async () => {
    // 1 MiB chunks: put a 3-byte character right across the first chunk boundary.
    const pad = 'a'.repeat((1 << 20) - 1);
    const path = file('lines.txt', `${pad}€\r\nsecond\nthird`);
    const lines = [];
    for await (const batch of readLineBatches(await openFileSource(path))) lines.push(...batch);
    expect(lines).toHaveLength(3);
    expect(lines[0].endsWith('€')).toBe(true);
    expect(lines[0].length).toBe(pad.length + 1);
    expect(lines.slice(1)).toEqual(['second', 'third']);
  });

  it('ends lines at a lone CR and at a CR\\LF split across chunks, and drops trailing blanks', async () => {
    const pad = 'b'.repeat((1 << 20) - 1);
    const lines = [];
    const source = await openFileSource(file('cr.txt', `${pad}\r\nmac one\rmac two  \t\rlast \r`));
    for await (const batch of readLineBatches(source)) lines.push(...batch);
    expect(lines).toEqual([pad, 'mac one', 'mac two', 'last']);
  });

  it('skips a line over the limit with a record of where, keeping the line numbers of the rest', async () => {
    const limits = { ...DEFAULT_INPUT_LIMITS, maxLineBytes: 4096 as Bytes };
    const source = await openFileSource(file('long.txt', `first\n${'x'.repeat(3 << 20)}\nthird\n${'y'.repeat(10_000)}`), limits);
    const lines = [];
    for await (const batch of readLineBatches(source)) lines.push(...batch);
    expect(lines).toEqual(['first', '', 'third', '']);
    expect(source.damage.overlongLines).toEqual({ count: 2, firstLine: 2 });
  });
});
