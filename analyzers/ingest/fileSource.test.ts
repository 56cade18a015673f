import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/inputError';
import { openFileSource } from './fileSource';
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

  it('reads gzip transparently and sniffs the decompressed head', async () => {
    const text = '{"snapshot":{"meta":{}}}\n'.repeat(1000);
    const path = file('a.json.gz', gzipSync(text));
    const source = await openFileSource(path);
    expect(source.gzipped).toBe(true);
    expect(source.head.startsWith('{"snapshot"')).toBe(true);
    expect(await collect(path)).toBe(text);
  });

  it('reports a truncated gzip file as an input error with the byte offset', async () => {
    const full = gzipSync(Buffer.alloc(4 << 20, 'x'));
    const path = file('cut.gz', full.subarray(0, full.length - 100));
    const error = await collect(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/cut\.gz: gzip stream is corrupt or truncated/);
    expect((error as InputError).where.byteOffset).toBeGreaterThan(0);
  });
});

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
});
