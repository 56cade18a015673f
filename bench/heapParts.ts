import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { BENCH_DATA } from './heapData';
import { groupDigits } from '../analyzers/core/numberFormat';

/** One measured part (bench/heapRun.ts in its own process), as it reports itself. */
export interface PartResult {
  part: string;
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

export interface HeapRunner {
  runner: string;
  indexWorker: string;
}

/**
 * The parts run bundled (esbuild, which tsx already brings), as the app and the worker run: under
 * tsx every child would carry its ~50 MiB loader thread in the peak RSS being measured. The heap
 * loader's helper thread (analyzers/heap/graphIndexWorker) is bundled beside it, as the app ships it.
 */
export function bundleRunner(): HeapRunner {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' } as const;
  const runner = join(BENCH_DATA, 'heapRun.cjs');
  const indexWorker = join(BENCH_DATA, 'graphIndexWorker.cjs');
  buildSync({ ...common, entryPoints: [join(__dirname, 'heapRun.ts')], outfile: runner, external: ['heapsnapshot-parser'] });
  buildSync({ ...common, entryPoints: [join(__dirname, '../analyzers/heap/graphIndexWorker.ts')], outfile: indexWorker });
  return { runner, indexWorker };
}

/** Runs `heapRun.cjs <part> <args…>` in a process of its own; `label` names the result. */
export function runPart(runner: string, label: string, args: string[], nodeFlags: string[] = []): PartResult {
  const child = spawnSync(process.execPath, [...nodeFlags, runner, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status === 0 && line.startsWith('{')) return { ...(JSON.parse(line) as PartResult), part: label };
  return { part: label, ms: NaN, cpuMs: NaN, peakRssMiB: NaN, error: lastLine(child.stderr) ?? `exit ${child.status ?? child.signal}` };
}

export const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).slice(-1)[0];

export const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');

/** The run with the median wall time: one slow run on a shared machine does not decide the figure. */
/** The middle item by `key` (the lower of the two middle ones for an even count). */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export const median = (runs: PartResult[]): PartResult => medianBy(runs, (r) => r.ms || Infinity);

export function report(r: PartResult, runs: PartResult[], width = 18): void {
  const extra = r.error ? `FAILED: ${r.error}` : r.nodes !== undefined ? `${groupDigits(r.nodes)} nodes, ${r.edges === undefined ? '?' : groupDigits(r.edges)} edges` : '';
  const spread = runs.length > 1 ? ` (of ${runs.map((x) => seconds(x.ms)).join(', ')})` : '';
  console.log(`${r.part.padEnd(width)} ${seconds(r.ms).padStart(8)}${spread}  cpu ${seconds(r.cpuMs)}  peak RSS ${String(r.peakRssMiB).padStart(5)} MiB  ${extra}`);
  const indent = ' '.repeat(width + 1);
  if (r.phases) console.log(`${indent}phases (ms): ${Object.entries(r.phases).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const n of r.notices ?? []) console.log(`${indent}NOTICE: ${n}`);
}
