import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_DATA, ensureSnapshot, type SnapshotSpec } from './heapData';
import { groupDigits } from '../analyzers/core/numberFormat';

/**
 * `npm run bench:heap [-- --big] [-- --keep]`: generates a snapshot of the sample game server at
 * benchmark scale (≥ 250 MB; `--big`: > 1 GB) and measures, each part in its own process so that
 * peak RSS is per part: (a) this engine's full load (parse, indexes, dominators, retained sizes,
 * distances, summary) as the app runs it, with its helper thread, and again on one thread,
 * (b) heapsnapshot-parser on the same file, (c) a floor pass that only tokenizes the integers.
 * Prints the figures and the ratios against the targets; asserts nothing.
 * The generated file is deleted afterwards unless `--keep` is given.
 */
const NORMAL: SnapshotSpec = { sessionsPerPhase: 100_000, residents: 2000, tickEvery: 1000 };
const BIG: SnapshotSpec = { sessionsPerPhase: 420_000, residents: 2000, tickEvery: 1000 };

interface PartResult {
  part: PartName;
  ms: number;
  /** CPU time (user + system): on a shared machine, less disturbed by other load than wall time. */
  cpuMs: number;
  peakRssMiB: number;
  error?: string;
  nodes?: number;
  edges?: number;
  phases?: Record<string, number>;
  notices?: string[];
}

/**
 * The parts run bundled (esbuild, which tsx already brings), as the app and the worker run: under
 * tsx every child would carry its ~50 MiB loader thread in the peak RSS being measured. The heap
 * loader's helper thread (analyzers/heap/graphIndexWorker) is bundled beside it, as the app ships it.
 */
function bundleRunner(): { runner: string; indexWorker: string } {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' } as const;
  const runner = join(BENCH_DATA, 'heapRun.cjs');
  const indexWorker = join(BENCH_DATA, 'graphIndexWorker.cjs');
  buildSync({ ...common, entryPoints: [join(__dirname, 'heapRun.ts')], outfile: runner, external: ['heapsnapshot-parser'] });
  buildSync({ ...common, entryPoints: [join(__dirname, '../analyzers/heap/graphIndexWorker.ts')], outfile: indexWorker });
  return { runner, indexWorker };
}

type PartName = 'floor' | 'engine' | 'engine, one thread' | 'oracle';

function runPart(runner: string, part: PartName, path: string, indexWorker: string): PartResult {
  // heapsnapshot-parser keeps an object per node and edge: give it all the heap it may want, so a
  // failure is its own limit (V8's maximum string length), not a default flag.
  const heap = part === 'oracle' ? ['--max-old-space-size=16000'] : [];
  const args = part === 'engine' ? ['engine', path, indexWorker] : [part === 'engine, one thread' ? 'engine' : part, path];
  const child = spawnSync(process.execPath, [...heap, runner, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status === 0 && line.startsWith('{')) return { ...(JSON.parse(line) as PartResult), part };
  const why = child.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${child.status ?? child.signal}`;
  return { part, ms: NaN, cpuMs: NaN, peakRssMiB: NaN, error: why };
}

const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');

/** The run with the median wall time: one slow run on a shared machine does not decide the figure. */
function median(runs: PartResult[]): PartResult {
  const sorted = [...runs].sort((a, b) => (a.ms || Infinity) - (b.ms || Infinity));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function report(r: PartResult, runs: PartResult[]): void {
  const extra = r.error ? `FAILED: ${r.error}` : r.nodes !== undefined ? `${groupDigits(r.nodes)} nodes, ${r.edges === undefined ? '?' : groupDigits(r.edges)} edges` : '';
  const spread = runs.length > 1 ? ` (of ${runs.map((x) => seconds(x.ms)).join(', ')})` : '';
  console.log(`${r.part.padEnd(18)} ${seconds(r.ms).padStart(8)}${spread}  cpu ${seconds(r.cpuMs)}  peak RSS ${String(r.peakRssMiB).padStart(5)} MiB  ${extra}`);
  if (r.phases) console.log(`${' '.repeat(19)}phases (ms): ${Object.entries(r.phases).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const n of r.notices ?? []) console.log(`${' '.repeat(19)}NOTICE: ${n}`);
}

function main(): void {
  const big = process.argv.includes('--big');
  const keep = process.argv.includes('--keep');
  const rounds = big ? 1 : 3;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const path = ensureSnapshot(big ? BIG : NORMAL);
  const { runner, indexWorker } = bundleRunner();
  const fileMiB = statSync(path).size / 2 ** 20;
  console.log(`snapshot: ${path} (${fileMiB.toFixed(0)} MiB); floor and engines run ${rounds}× interleaved, the median run shown`);
  try {
    const quick: PartName[] = ['floor', 'engine', 'engine, one thread'];
    const runs = new Map<PartName, PartResult[]>(quick.map((p) => [p, []]));
    for (let i = 0; i < rounds; i++) for (const part of quick) runs.get(part)!.push(runPart(runner, part, path, indexWorker));
    const [floor, engine, oneThread] = quick.map((part) => {
      const r = median(runs.get(part)!);
      report(r, runs.get(part)!);
      return r;
    });
    const oracle = runPart(runner, 'oracle', path, indexWorker);
    report(oracle, [oracle]);
    const timeRatio = (a: PartResult, b: PartResult) => `${(a.ms / b.ms).toFixed(2)}× (cpu ${(a.cpuMs / b.cpuMs).toFixed(2)}×)`;
    console.log('ratios (targets in brackets):');
    console.log(`  engine / floor time                ${timeRatio(engine, floor)}   [≤ 2.5×]`);
    console.log(`  engine, one thread / floor time    ${timeRatio(oneThread, floor)}`);
    console.log(`  oracle / engine time               ${oracle.error ? 'oracle failed' : `${(oracle.ms / engine.ms).toFixed(1)}× (cpu ${(oracle.cpuMs / engine.cpuMs).toFixed(1)}×)`}   [≥ 8×]`);
    console.log(`  engine peak RSS / file             ${(engine.peakRssMiB / fileMiB).toFixed(2)}× (one thread ${(oneThread.peakRssMiB / fileMiB).toFixed(2)}×)   [≤ 2×${big ? ', and ≤ 10 GiB for > 1 GB' : ''}]`);
  } finally {
    if (!keep) rmSync(path, { force: true });
  }
}

main();
