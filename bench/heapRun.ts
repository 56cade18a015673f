import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { heapSnapshotFormat } from '../analyzers/heap/index';
import { openFileSource } from '../analyzers/ingest/fileSource';

/**
 * One measured part of `npm run bench:heap` and `bench:e2e`, in its own process so that its peak RSS
 * is its own: `heapRun.cjs <part> [--index-worker=<script>] [--memlab=<folder>] <snapshot…>`.
 * Prints one JSON line: { part, ms, peakRssMiB, ... }.
 */
type Part = 'engine' | 'oracle' | 'floor' | 'memlab';

/** The app's own load of a snapshot (parse and model), with the helper thread the host offers. */
async function engine(path: string, indexWorker: string | undefined) {
  const source = await openFileSource(path);
  const phases: Record<string, number> = {};
  let phase = 'parse';
  let phaseStart = performance.now();
  const ctx = {
    signal: new AbortController().signal,
    threads: indexWorker ? { heapIndexes: { url: pathToFileURL(indexWorker) } } : {},
    onProgress: (p: { phase: string }) => {
      const name = p.phase.startsWith('parsing') ? 'parse' : p.phase;
      if (name === phase) return;
      const now = performance.now();
      phases[phase] = Math.round(now - phaseStart);
      phase = name;
      phaseStart = now;
    },
  };
  const { artifact, notices } = await heapSnapshotFormat.load(source, ctx);
  const model = artifact.parsed;
  phases[phase] = Math.round(performance.now() - phaseStart);
  // A helper thread that failed is a notice: the run must not pass for a threaded one.
  return { nodes: model.graph.nodeCount, edges: model.graph.edgeCount, classes: model.summary.constructors.length, phases, notices: notices.map((n) => n.message) };
}

/** heapsnapshot-parser as its README says to use it: the whole file as one string, then parse(). */
function oracle(path: string) {
  const parser = createRequire(__filename)('heapsnapshot-parser') as { parse(text: string): { nodes: unknown[]; edges: unknown[] } };
  const snapshot = parser.parse(readFileSync(path, { encoding: 'utf-8' }));
  return { nodes: snapshot.nodes.length, edges: snapshot.edges.length };
}

/**
 * memlab's own full load of each snapshot (parse, dominators, retained sizes), from the scratch
 * folder bench/e2e.ts installs it into (never a dependency of the project).
 */
async function memlab(paths: string[], folder: string) {
  const analysis = createRequire(join(folder, 'package.json'))('@memlab/heap-analysis') as {
    getFullHeapFromFile(file: string): Promise<{ nodes: { length: number }; edges: { length: number } }>;
  };
  let nodes = 0;
  let edges = 0;
  for (const path of paths) {
    const heap = await analysis.getFullHeapFromFile(path);
    nodes += heap.nodes.length;
    edges += heap.edges.length;
  }
  return { nodes, edges };
}

/**
 * The floor: the same chunked read, and nothing but splitting the bytes into integers (folded into
 * a 32-bit checksum so that the work cannot be optimized away; a `%` per integer would double it).
 */
async function floor(paths: string[]) {
  let integers = 0;
  let checksum = 0;
  for (const path of paths) {
    const one = await floorOf(path);
    integers += one.integers;
    checksum = (checksum + one.checksum) | 0;
  }
  return { integers, checksum };
}

async function floorOf(path: string) {
  const source = await openFileSource(path);
  let integers = 0;
  let checksum = 0;
  let value = 0;
  let inNumber = false;
  for await (const chunk of source.chunks()) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c >= 0x30 && c <= 0x39) {
        value = value * 10 + (c - 0x30);
        inNumber = true;
      } else if (inNumber) {
        checksum = (checksum + value) | 0;
        integers++;
        value = 0;
        inNumber = false;
      }
    }
  }
  return { integers, checksum };
}

async function main(): Promise<void> {
  const [part, ...args] = process.argv.slice(2) as [Part, ...string[]];
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const paths = args.filter((a) => !a.startsWith('--'));
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let result: object;
  let error: string | undefined;
  try {
    result =
      part === 'engine' ? await engine(paths[0], option('index-worker'))
      : part === 'oracle' ? oracle(paths[0])
      : part === 'memlab' ? await memlab(paths, option('memlab') ?? '')
      : await floor(paths);
  } catch (e) {
    result = {};
    error = e instanceof Error ? e.message : String(e);
  }
  const ms = Math.round(performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  console.log(JSON.stringify({ part, ms, cpuMs, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), error, ...result }));
}

void main();
