import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { heapSnapshotFormat } from '../analyzers/heap/index';
import { openFileSource } from '../analyzers/ingest/fileSource';

/**
 * One measured part of `npm run bench:heap`, in its own process so that its peak RSS is its own.
 * Prints one JSON line: { part, ms, peakRssMiB, ... }.
 */
type Part = 'engine' | 'oracle' | 'floor';

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
  const { artifact: model, notices } = await heapSnapshotFormat.load(source, ctx);
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
 * The floor: the same chunked read, and nothing but splitting the bytes into integers (folded into
 * a 32-bit checksum so that the work cannot be optimized away; a `%` per integer would double it).
 */
async function floor(path: string) {
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
  const [part, path, indexWorker] = process.argv.slice(2) as [Part, string, string | undefined];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let result: object;
  let error: string | undefined;
  try {
    result = part === 'engine' ? await engine(path, indexWorker) : part === 'oracle' ? oracle(path) : await floor(path);
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
