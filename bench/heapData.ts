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
}

export const snapshotPath = (spec: SnapshotSpec) => join(BENCH_DATA, `heap-game-${spec.sessionsPerPhase}.heapsnapshot`);

/**
 * Writes the final snapshot of the sample game server at benchmark scale (the same program as the
 * committed samples, so the same heap shape, only more of it). Skips the work if the file exists.
 */
export function ensureSnapshot(spec: SnapshotSpec): string {
  const path = snapshotPath(spec);
  if (existsSync(path)) return path;
  const dir = join(BENCH_DATA, `heap-game-${spec.sessionsPerPhase}.tmp`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = [`--tick-every=${spec.tickEvery}`, `--residents=${spec.residents}`];
  console.log(`generating ${path}: node --expose-gc samples/heap/game_server.mjs ${spec.sessionsPerPhase} <dir> --raw --final-only ${args.join(' ')}`);
  // A heap of a few million objects: V8's snapshot writer needs room beyond the default old space.
  execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=12000', GAME_SERVER, String(spec.sessionsPerPhase), dir, '--raw', '--final-only', ...args], {
    stdio: 'inherit',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  renameSync(join(dir, 'game-3-final.heapsnapshot'), path);
  rmSync(dir, { recursive: true, force: true });
  return path;
}
