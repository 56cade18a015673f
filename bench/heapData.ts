import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Where the benchmark's generated snapshots go (git-ignored). */
export const BENCH_DATA = join(__dirname, 'data');
const GAME_SERVER = join(__dirname, '../samples/heap/game_server.mjs');

export interface SnapshotSpec {
  /** Sessions per phase of the sample game server: each leaves one leaked player behind. */
  sessionsPerPhase: number;
  residents: number;
  tickEvery: number;
  /** Items in the server's catalog (its default is 500): a steady part that every snapshot holds. */
  catalog?: number;
}

const SNAPSHOTS = ['game-1-baseline', 'game-2-target', 'game-3-final'] as const;

const specName = (spec: SnapshotSpec) => `heap-game-${spec.sessionsPerPhase}${spec.catalog ? `-catalog-${spec.catalog}` : ''}`;

export const snapshotPath = (spec: SnapshotSpec) => join(BENCH_DATA, `${specName(spec)}.heapsnapshot`);

/**
 * Writes the final snapshot of the sample game server at benchmark scale (the same program as the
 * committed samples, so the same heap shape, only more of it). Skips the work if the file exists.
 */
export function ensureSnapshot(spec: SnapshotSpec): string {
  const path = snapshotPath(spec);
  if (!existsSync(path)) generate(spec, [path]);
  return path;
}

/** The three snapshots (baseline, target, final) of one run at benchmark scale, as a leak hunt takes them. */
export function ensureSnapshotSet(spec: SnapshotSpec): string[] {
  const paths = SNAPSHOTS.map((name) => join(BENCH_DATA, `${specName(spec)}-${name}.heapsnapshot`));
  if (!paths.every((p) => existsSync(p))) generate(spec, paths);
  return paths;
}

/** Runs the game server into a scratch folder and moves its snapshots to `paths` (one path: the final snapshot only). */
function generate(spec: SnapshotSpec, paths: string[]): void {
  const finalOnly = paths.length === 1;
  const dir = join(BENCH_DATA, `${specName(spec)}.tmp`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = [`--tick-every=${spec.tickEvery}`, `--residents=${spec.residents}`, ...(spec.catalog ? [`--catalog=${spec.catalog}`] : []), ...(finalOnly ? ['--final-only'] : [])];
  console.log(`generating in ${dir}: node --expose-gc samples/heap/game_server.mjs ${spec.sessionsPerPhase} <dir> --raw ${args.join(' ')}`);
  // A heap of a few million objects: V8's snapshot writer needs room beyond the default old space.
  execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=12000', GAME_SERVER, String(spec.sessionsPerPhase), dir, '--raw', ...args], {
    stdio: 'inherit',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  const written = (finalOnly ? SNAPSHOTS.slice(2) : SNAPSHOTS).map((name) => join(dir, `${name}.heapsnapshot`));
  written.forEach((file, i) => renameSync(file, paths[i]));
  rmSync(dir, { recursive: true, force: true });
}
