import { readFileSync } from 'node:fs';

/**
 * The "Samples:" section of `go tool pprof -raw` saved beside a fixture by its generate script:
 * the value types and one row of values per sample, the reference the pprof readers are checked against.
 */
export function pprofRawSamples(path: string): { types: string[]; rows: number[][] } {
  const lines = readFileSync(path, 'utf8').split('\n');
  const types = lines[1].trim().split(/\s+/).map((t) => t.split('/')[0]);
  const rows = lines
    .slice(2)
    .filter((l) => /^\s+\d[\d\s]*:/.test(l))
    .map((l) => l.slice(0, l.indexOf(':')).trim().split(/\s+/).map(Number));
  return { types, rows };
}

/** Per value type, the sum over the samples: what `go tool pprof -top` totals. */
export function pprofRawTotals(path: string): Record<string, number> {
  const { types, rows } = pprofRawSamples(path);
  return Object.fromEntries(types.map((t, i) => [t, rows.reduce((s, r) => s + r[i], 0)]));
}
