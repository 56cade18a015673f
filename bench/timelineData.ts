import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A week of 1-second samples of seven metrics with a slow leak and one cache stampede (bench:timeline, bench:ui). */
const DATA = join(__dirname, 'data');
export const COLUMNS = ['cpu_percent', 'memory_rss_bytes', 'latency_p99_ms', 'cache_misses', 'db_connections_active', 'request_rate', 'cpu_system_percent'];

function value(c: number, i: number, rows: number): number {
  const wave = Math.sin(i / 3600) + 0.3 * Math.sin(i * 7.1);
  const stampede = i > rows * 0.6 && i < rows * 0.6 + 300;
  switch (c) {
    case 0: return Math.round(40 + 10 * wave);
    case 1: return Math.round(2 * 2 ** 30 + i * 5_000 + 20e6 * wave);
    case 2: return stampede ? 2000 : Math.round(20 + 3 * wave);
    case 3: return stampede ? 5000 : Math.round(100 + 10 * wave);
    case 4: return stampede ? 100 : Math.round(10 + 2 * wave);
    case 5: return Math.round(5000 + 500 * wave);
    default: return Math.round(8 + 2 * wave);
  }
}

async function writeLines(path: string, rows: number, line: (i: number, t: number) => string): Promise<void> {
  const out = createWriteStream(path);
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < rows; i++) if (!out.write(line(i, t0 + i * 1000))) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}

export async function ensure(rows: number, format: 'csv' | 'jsonl'): Promise<string> {
  mkdirSync(DATA, { recursive: true });
  const path = join(DATA, `timeline-${rows}.${format}`);
  if (existsSync(path)) return path;
  if (format === 'csv') {
    await writeLines(path, rows + 1, (i, t) => (i === 0 ? `time_ms,${COLUMNS.join(',')}\n` : `${t},${COLUMNS.map((_, c) => value(c, i, rows)).join(',')}\n`));
  } else {
    await writeLines(path, rows, (i, t) => COLUMNS.map((m, c) => JSON.stringify({ ts: t, metric: m, value: value(c, i, rows), labels: { instance: 'bench-1' } })).join('\n') + '\n');
  }
  return path;
}
