import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { once } from 'node:events';
import { createGzip, gunzipSync } from 'node:zlib';
import { MUTATIONS, seededRandom, type Mutation, type MutationKind } from './mutations';

/** One input of the fuzz run: where it is on disk and what the run expects of it. */
export interface FuzzInput {
  /** `fixture ~ mutation`, stable for a seed: the name a failure is reported under. */
  name: string;
  path: string;
  kind: MutationKind;
  cut: boolean;
  /** The fixture it was made from (its findings are what a `same` variant must reproduce). */
  base?: string;
}

const DATA_FILE = /\.(txt|json|jsonl|csv|jtl|log|xml|heapsnapshot|heaptimeline|heapprofile|pb)(\.gz)?$/;
const NOT_EVIDENCE = /README|demo-cases|lsan\.supp|pprof-raw/;

/**
 * Every real capture committed under samples/: the fixtures of every format. Not samples/.recorded,
 * the git-ignored cache of recordings the judgment tests make: it holds whatever ran before, so the
 * corpus (and the time the fuzz tests take) would depend on the order of the run.
 */
export function sampleFixtures(samples: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      if (entry.startsWith('.')) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (DATA_FILE.test(entry) && !NOT_EVIDENCE.test(entry)) out.push(path);
    }
  };
  walk(samples);
  return out;
}

/** The decompressed content of a fixture: mutations damage what the parser reads, not the gzip framing. */
export function fixtureContent(path: string): Buffer {
  const raw = readFileSync(path);
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}

export interface CorpusOptions {
  samples: string;
  dir: string;
  seed: number;
  /** Mutations drawn per fixture (heap snapshots take seconds each, so they get one). */
  perFixture: number;
  /** Size of the one long line without a newline (the 200 MB). */
  longLineBytes: number;
  /** Inflated size of the gzip bomb. */
  bombBytes: number;
}

/** Writes the corpus for a seed into `dir` (same seed, same files) and lists it. */
export async function buildCorpus(opts: CorpusOptions): Promise<{ fixtures: FuzzInput[]; inputs: FuzzInput[] }> {
  mkdirSync(opts.dir, { recursive: true });
  const random = seededRandom(opts.seed);
  const fixtures: FuzzInput[] = [];
  const inputs: FuzzInput[] = [];
  for (const path of sampleFixtures(opts.samples)) {
    const base = relative(opts.samples, path);
    fixtures.push({ name: base, path, kind: 'same', cut: false });
    const content = fixtureContent(path);
    const heavy = /heapsnapshot|heaptimeline/.test(path);
    const drawn = drawMutations(random, heavy ? 1 : opts.perFixture);
    for (const mutation of drawn) {
      const bytes = mutation.apply(content, random);
      if (!bytes) continue;
      const name = `${base} ~ ${mutation.name}`;
      // The fixture's own name, so that findings naming their file compare equal with the original's.
      const file = join(opts.dir, String(inputs.length), basename(path));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      inputs.push({ name, path: file, kind: mutation.kind, cut: mutation.cut ?? false, base });
    }
  }
  inputs.push(...(await hostileInputs(opts)));
  return { fixtures, inputs };
}

/** Each fixture gets `n` different mutations, drawn so that every mutation is used across the corpus. */
function drawMutations(random: () => number, n: number): Mutation[] {
  const pool = [...MUTATIONS];
  const out: Mutation[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

async function hostileInputs(opts: CorpusOptions): Promise<FuzzInput[]> {
  const at = (name: string) => join(opts.dir, name);
  const out: FuzzInput[] = [];
  const add = (name: string, path: string) => out.push({ name, path, kind: 'hostile', cut: false });

  writeFileSync(at('empty.txt'), '');
  add('empty file', at('empty.txt'));
  mkdirSync(at('a-directory'), { recursive: true });
  add('directory', at('a-directory'));
  add('missing path', at('does-not-exist.jsonl'));

  const events = readFileSync(join(opts.samples, 'incidents/memory-leak/events.jsonl'), 'utf8').split('\n')[0];
  const longLine = at('long-line.jsonl');
  if (!existsSync(longLine) || statSync(longLine).size !== events.length + 1 + opts.longLineBytes) {
    const out = createWriteStream(longLine);
    out.write(`${events}\n`);
    const block = Buffer.alloc(1 << 20, 'x');
    for (let left = opts.longLineBytes; left > 0; left -= block.length) {
      if (!out.write(left >= block.length ? block : block.subarray(0, left))) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
  add(`valid event then a ${Math.round(opts.longLineBytes / 2 ** 20)} MB line without newline`, longLine);

  const metric = readFileSync(join(opts.samples, 'incidents/lock-contention/inventory-metrics.jsonl'), 'utf8').split('\n')[0];
  const bomb = at('bomb.jsonl.gz');
  if (!existsSync(bomb)) {
    const block = Buffer.from(`${metric}\n`.repeat(Math.floor((1 << 20) / (metric.length + 1))));
    const gzip = createGzip({ level: 9 });
    const file = createWriteStream(bomb);
    gzip.pipe(file);
    for (let written = 0; written < opts.bombBytes; written += block.length) if (!gzip.write(block)) await once(gzip, 'drain');
    gzip.end();
    await once(file, 'finish');
  }
  add(`gzip bomb (${Math.round(opts.bombBytes / 2 ** 20)} MiB of metric lines)`, bomb);

  writeFileSync(at('garbage.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('this is not deflate data at all'.repeat(50))]));
  add('gzip header over garbage', at('garbage.gz'));

  const snapshot = JSON.parse(fixtureContent(join(opts.samples, 'heap/game-1-baseline.heapsnapshot.gz')).toString('utf8')) as HeapSnapshotJson;
  const variant = (name: string, change: (s: HeapSnapshotJson) => void) => {
    const copy = structuredClone(snapshot);
    change(copy);
    writeFileSync(at(`${name}.heapsnapshot`), JSON.stringify(copy));
    add(`heap snapshot: ${name}`, at(`${name}.heapsnapshot`));
  };
  variant('node_count-too-high', (s) => (s.snapshot.node_count += 1000));
  variant('edge-to-out-of-range', (s) => (s.edges[s.snapshot.meta.edge_fields.indexOf('to_node') + 3 * s.snapshot.meta.edge_fields.length] = 1e9));
  variant('extra-node-field', (s) => s.snapshot.meta.node_fields.push('extra'));
  variant('type-index-out-of-range', (s) => (s.nodes[s.snapshot.meta.node_fields.length * 8] = 19));
  return out;
}

interface HeapSnapshotJson {
  snapshot: { node_count: number; meta: { node_fields: string[]; edge_fields: string[] } };
  nodes: number[];
  edges: number[];
}
