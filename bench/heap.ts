import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_DATA, ensureSnapshot, type SnapshotSpec } from './heapData';

/**
 * `npm run bench:heap [-- --big] [-- --keep]`: generates a snapshot of the sample game server at
 * benchmark scale (≥ 250 MB; `--big`: > 1 GB) and measures, each part in its own process so that
 * peak RSS is per part: (a) this engine's full load (parse, indexes, dominators, retained sizes,
 * summary), (b) heapsnapshot-parser on the same file, (c) a floor pass that only tokenizes the
 * integers. Prints the figures and the ratios against the targets; asserts nothing.
 * The generated file is deleted afterwards unless `--keep` is given.
 */
const NORMAL: SnapshotSpec = { sessionsPerPhase: 100_000, residents: 2000, tickEvery: 1000 };
const BIG: SnapshotSpec = { sessionsPerPhase: 420_000, residents: 2000, tickEvery: 1000 };

interface PartResult {
  part: string;
  ms: number;
  /** CPU time (user + system): on a shared machine, less disturbed by other load than wall time. */
  cpuMs: number;
  peakRssMiB: number;
  error?: string;
  nodes?: number;
  edges?: number;
  phases?: Record<string, number>;
}

/**
 * The parts run bundled (esbuild, which tsx already brings), as the app and the worker run: under
 * tsx every child would carry its ~50 MiB loader thread in the peak RSS being measured.
 */
function bundleRunner(): string {
  const outfile = join(BENCH_DATA, 'heapRun.cjs');
  buildSync({ entryPoints: [join(__dirname, 'heapRun.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['heapsnapshot-parser'], logLevel: 'warning' });
  return outfile;
}

function runPart(runner: string, part: 'engine' | 'oracle' | 'floor', path: string): PartResult {
  // heapsnapshot-parser keeps an object per node and edge: give it all the heap it may want, so a
  // failure is its own limit (V8's maximum string length), not a default flag.
  const heap = part === 'oracle' ? ['--max-old-space-size=16000'] : [];
  const child = spawnSync(process.execPath, [...heap, runner, part, path], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status === 0 && line.startsWith('{')) return JSON.parse(line) as PartResult;
  const why = child.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${child.status ?? child.signal}`;
  return { part, ms: NaN, cpuMs: NaN, peakRssMiB: NaN, error: why };
}

const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');

function main(): void {
  const big = process.argv.includes('--big');
  const keep = process.argv.includes('--keep');
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const path = ensureSnapshot(big ? BIG : NORMAL);
  const runner = bundleRunner();
  const fileMiB = statSync(path).size / 2 ** 20;
  console.log(`snapshot: ${path} (${fileMiB.toFixed(0)} MiB)`);
  try {
    const results = (['floor', 'engine', 'oracle'] as const).map((part) => {
      const r = runPart(runner, part, path);
      const extra = r.error ? `FAILED: ${r.error}` : r.nodes !== undefined ? `${r.nodes.toLocaleString('en-US')} nodes, ${r.edges?.toLocaleString('en-US')} edges` : '';
      console.log(`${part.padEnd(6)} ${seconds(r.ms).padStart(9)} (cpu ${seconds(r.cpuMs)})  peak RSS ${String(r.peakRssMiB).padStart(6)} MiB  ${extra}`);
      if (r.phases) console.log(`       phases (ms): ${Object.entries(r.phases).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      return r;
    });
    const [floor, engine, oracle] = results;
    console.log('ratios (targets in brackets):');
    console.log(`  engine / floor time        ${(engine.ms / floor.ms).toFixed(2)}× (cpu ${(engine.cpuMs / floor.cpuMs).toFixed(2)}×)   [≤ 2.5×]`);
    console.log(`  oracle / engine time       ${oracle.error ? 'oracle failed' : `${(oracle.ms / engine.ms).toFixed(1)}× (cpu ${(oracle.cpuMs / engine.cpuMs).toFixed(1)}×)`}   [≥ 8×]`);
    console.log(`  engine peak RSS / file     ${(engine.peakRssMiB / fileMiB).toFixed(2)}×   [≤ 2× ${big ? '(and ≤ 10 GiB for > 1 GB)' : ''}]`);
  } finally {
    if (!keep) rmSync(path, { force: true });
  }
}

main();
