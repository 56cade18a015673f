import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { groupDigits } from '../analyzers/core/numberFormat';
import { COLUMNS, ensure } from './timelineData';

/**
 * `npm run bench:timeline`: a week of 1-second metrics (CSV and metric JSON Lines) with a slow leak
 * and one cache stampede, read and analyzed by the real pipeline. Prints rows/s, the time of the
 * whole case (parse + every rule on full resolution + downsampling) and peak RSS.
 */
async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  for (const [rows, format] of [[604_800, 'csv'], [1_209_600, 'csv'], [604_800, 'jsonl']] as const) {
    const path = await ensure(rows, format);
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'timelineRun.ts'), path], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop() as string) as { ms: number; failures: string[]; findings: string[]; viewPoints: number; peakRssMiB: number };
    const points = rows * COLUMNS.length;
    console.log(
      `${format.padEnd(5)} ${String(rows).padStart(9)} rows × ${COLUMNS.length} metrics (${Math.round(statSync(path).size / 2 ** 20)} MiB): ${(r.ms / 1000).toFixed(2)} s, ` +
        `${groupDigits(points / (r.ms / 1000))} points/s, peak RSS ${r.peakRssMiB} MiB, ${r.viewPoints} points to the view, findings: ${[...new Set(r.findings)].join(', ') || 'none'}` +
        (r.failures.length ? ` FAILURES: ${r.failures.join('; ')}` : ''),
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
