import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureCapture } from './locksData';
import { groupDigits } from '../analyzers/core/numberFormat';

/**
 * `npm run bench:locks`: parses and aggregates generated perf script lock/futex captures (the real
 * inventory-server capture replayed) and prints MB/s and peak RSS. Two sizes over the same set of
 * distinct stacks: if memory follows the stacks and not the file, both RSS figures match.
 */
const SIZES_MB = [200, 400];

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  for (const size of SIZES_MB) {
    const path = await ensureCapture(size);
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'locksRun.ts'), path], { encoding: 'utf8' });
      const r = JSON.parse(out.trim().split('\n').pop() as string) as { mb: number; ms: number; mbPerSecond: number; events: number; distinctStacks: number; locks: number; threads: number; top: string[]; peakRssMiB: number; complete: boolean };
      console.log(
        `${String(r.mb).padStart(4)} MB, ${groupDigits(r.events)} events: ${(r.ms / 1000).toFixed(2)} s, ${r.mbPerSecond} MB/s, peak RSS ${r.peakRssMiB} MiB ` +
          `(${r.distinctStacks} distinct stacks, ${r.locks} locks, ${r.threads} threads; hot paths ${r.top.join(', ')}; complete=${r.complete})`,
      );
    } finally {
      rmSync(path, { force: true });
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
