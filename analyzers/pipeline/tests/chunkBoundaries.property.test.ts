/**
 * Issue 15, item 6: a parser's result must not depend on where the file's chunks happen to end
 * (1 MiB reads, gzip output, a pipe): in the middle of a CRLF, of a UTF-8 character, of a number.
 * Each real fixture is cut into chunks at points fast-check chooses and parsed with the format the
 * app detects; the artifact, notices and completeness must equal those of the whole file read at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoadContext } from '../../ingest/capability';
import { DEFAULT_INPUT_LIMITS, type FileSource } from '../../ingest/fileSource';
import { detectFormat } from '../registry';
import { asUtf8 } from '../../ingest/textEncoding';

const samples = join(__dirname, '..', '..', '..', 'samples');
const ctx: LoadContext = { onProgress: () => {}, signal: new AbortController().signal };

/** A FileSource over bytes in memory, cut at the given offsets; decoded by the same layer as files on disk. */
function chunkedSource(name: string, bytes: Buffer, cuts: readonly number[]): FileSource {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  async function* raw(): AsyncIterable<Buffer> {
    let from = 0;
    for (const p of [...points, bytes.length]) {
      if (p > from) yield bytes.subarray(from, p);
      from = p;
    }
  }
  const source: FileSource = {
    path: name,
    name,
    sizeBytes: bytes.length,
    gzipped: false,
    head: bytes.subarray(0, 65536).toString('utf8').replace(/^\uFEFF/, '').replace(/[ \t]*(?:\r\n?|\n)/g, '\n'),
    limits: DEFAULT_INPUT_LIMITS,
    headBytes: bytes.subarray(0, 65536),
    damage: {},
    bytes: () => {
      source.damage = {};
      return raw();
    },
    chunks: () => {
      const damage = source.damage;
      return asUtf8(source.bytes(), (invalid) => (damage.invalidUtf8 = invalid));
    },
  };
  return source;
}

async function parse(name: string, bytes: Buffer, cuts: readonly number[]) {
  const source = chunkedSource(name, bytes, cuts);
  const detected = detectFormat(source.head);
  if (!detected) throw new Error(`${name}: not detected`);
  const loaded = await detected.format.load(source, ctx);
  return { formatId: detected.format.id, loaded, damage: source.damage };
}

// One fixture per line format family, with CRLF, a byte-order mark and a multi-byte character
// added so that cuts can fall inside each of them.
const FIXTURES = [
  'alloc/fixtures/events_leaky.csv',
  'alloc/fixtures/lsan_leaky.txt',
  'alloc/fixtures/heaptrack_leaky.txt',
  'alloc/fixtures/valgrind_leaky.xml',
  'locks/fixtures/perf_lock_contention_v_sharded.txt',
  'incidents/memory-leak/kern.log',
  'incidents/memory-leak/chat-timeline.txt',
  'incidents/cache-stampede/metrics.csv',
  'incidents/memory-leak/events.jsonl',
];

describe('parsers give the same result whatever the chunking', () => {
  for (const path of FIXTURES) {
    it(path, async () => {
      const text = readFileSync(join(samples, path), 'utf8').replace(/\n/g, '\r\n').replace(/(\w)(\r\n)/, '$1 – é€$2');
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
      const whole = await parse(path, bytes, []);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { minLength: 1, maxLength: 40 }), async (cuts) => {
          expect(await parse(path, bytes, cuts)).toEqual(whole);
        }),
        { numRuns: 25, seed: 15 },
      );
    }, 120_000);
  }

  it('single-byte chunks of a short text with CR, CRLF, BOM and 4-byte characters', async () => {
    const bytes = Buffer.from('\uFEFFDay 1, 10:00 - deploy 🚀 ok\rDay 1, 10:05 - alert é\r\nDay 2, 09:00 - restart\n');
    const whole = await parse('chat.txt', bytes, []);
    const everyByte = Array.from({ length: bytes.length }, (_, i) => i);
    expect(await parse('chat.txt', bytes, everyByte)).toEqual(whole);
    expect(whole.loaded.complete).toBe(true);
  });
});
