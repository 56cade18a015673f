import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureEventLog, type EventLogSpec } from './allocData';
import { groupDigits } from '../analyzers/core/numberFormat';

/**
 * `npm run bench:alloc`: streams generated allocation event logs (JSON Lines and CSV) and prints
 * events/s and peak RSS. Two lengths share one live set: if memory follows the live allocations
 * and not the log, both RSS figures are about the same.
 */
const RUNS: EventLogSpec[] = [
  { events: 5_000_000, liveSet: 50_000, format: 'jsonl' },
  { events: 10_000_000, liveSet: 50_000, format: 'jsonl' },
  { events: 5_000_000, liveSet: 50_000, format: 'csv' },
  { events: 5_000_000, liveSet: 500_000, format: 'jsonl' },
];

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  for (const spec of RUNS) {
    const path = await ensureEventLog(spec);
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'allocRun.ts'), path], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop() as string) as { events: number; ms: number; eventsPerSecond: number; peakRssMiB: number; fileMiB: number; liveAtEnd: number };
    console.log(
      `${spec.format.padEnd(5)} ${String(spec.events).padStart(9)} events, live set ${String(spec.liveSet).padStart(7)}: ` +
        `${(r.ms / 1000).toFixed(2)} s, ${groupDigits(r.eventsPerSecond)} events/s, peak RSS ${r.peakRssMiB} MiB (file ${r.fileMiB} MiB, ${r.liveAtEnd} live at end)`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
