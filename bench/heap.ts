import { rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { ensureSnapshot, type SnapshotSpec } from './heapData';
import { bundleRunner, median, report, runPart, type HeapRunner, type PartResult } from './heapParts';

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

type PartName = 'floor' | 'engine' | 'engine, one thread' | 'oracle';

function runHeapPart({ runner, indexWorker }: HeapRunner, part: PartName, path: string): PartResult {
  // heapsnapshot-parser keeps an object per node and edge: give it all the heap it may want, so a
  // failure is its own limit (V8's maximum string length), not a default flag.
  const heap = part === 'oracle' ? ['--max-old-space-size=16000'] : [];
  const args = part === 'engine' ? ['engine', path, `--index-worker=${indexWorker}`] : [part === 'engine, one thread' ? 'engine' : part, path];
  return runPart(runner, part, args, heap);
}

function main(): void {
  const big = process.argv.includes('--big');
  const keep = process.argv.includes('--keep');
  const rounds = big ? 1 : 3;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const path = ensureSnapshot(big ? BIG : NORMAL);
  const runner = bundleRunner();
  const fileMiB = statSync(path).size / 2 ** 20;
  console.log(`snapshot: ${path} (${fileMiB.toFixed(0)} MiB); floor and engines run ${rounds}× interleaved, the median run shown`);
  try {
    const quick: PartName[] = ['floor', 'engine', 'engine, one thread'];
    const runs = new Map<PartName, PartResult[]>(quick.map((p) => [p, []]));
    for (let i = 0; i < rounds; i++) for (const part of quick) runs.get(part)!.push(runHeapPart(runner, part, path));
    const [floor, engine, oneThread] = quick.map((part) => {
      const r = median(runs.get(part)!);
      report(r, runs.get(part)!);
      return r;
    });
    const oracle = runHeapPart(runner, 'oracle', path);
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
