import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bytes } from '../../core/units';
import type { CaseOptions } from '../../ingest/caseOptions';
import type { CaseResult } from '../../case/caseResult';
import { runCase } from '../../pipeline/runCase';

export const ROOT = join(__dirname, '..', '..', '..');
export const SAMPLES = join(ROOT, 'samples');

/** The three snapshots of samples/heap (game_server.mjs: departed Players kept by Guild.members and the event bus). */
export const heapSnapshots = (): string[] =>
  readdirSync(join(SAMPLES, 'heap'))
    .filter((f) => /\.heapsnapshot(\.gz)?$/.test(f))
    .sort()
    .map((f) => join(SAMPLES, 'heap', f));

/** The leaky run of samples/alloc/player_manager.cpp (shared_ptr ownership cycles) as four tools saw it. */
export const allocLeakyFixtures = (): string[] =>
  ['lsan_leaky.txt', 'valgrind_leaky.xml', 'heaptrack_leaky.txt', 'events_leaky.jsonl'].map((f) => join(SAMPLES, 'alloc', 'fixtures', f));

/** Every file of one seed incident in samples/incidents (written by its simulate.mjs). */
export const incidentFiles = (name: 'memory-leak' | 'cache-stampede' | 'lock-contention'): string[] =>
  readdirSync(join(SAMPLES, 'incidents', name))
    .sort()
    .map((f) => join(SAMPLES, 'incidents', name, f));

export function analyze(paths: string[], options?: CaseOptions): Promise<CaseResult> {
  return runCase(paths, { onProgress: () => {}, signal: new AbortController().signal, options });
}

/** The options each seed incident is analyzed with (samples/incidents/README.md). */
const INCIDENT_OPTIONS: Record<Parameters<typeof incidentFiles>[0], CaseOptions> = {
  'memory-leak': { anchorDate: '2026-03-14', memoryLimitBytes: bytes(8 * 2 ** 30) },
  'cache-stampede': { anchorDate: '2026-04-02' },
  'lock-contention': {},
};

const incidents = new Map<string, Promise<CaseResult>>();

/** One seed incident analyzed from its real files, once per test file. */
export function analyzeIncident(name: Parameters<typeof incidentFiles>[0]): Promise<CaseResult> {
  let result = incidents.get(name);
  if (!result) incidents.set(name, (result = analyze(incidentFiles(name), INCIDENT_OPTIONS[name])));
  return result;
}

/** Recordings under way in this process, by folder: a second request waits for the first. */
const recordings = new Map<string, Promise<string[]>>();

/**
 * Files a committed recording script under samples/ writes, recorded the first time a test needs
 * them into samples/.recorded/ (git-ignored) and reused while the script and its arguments stay the
 * same. `args` may hold `{out}` for the folder to write to. The environment is emptied as
 * samples/heap/generate.sh does, so nothing of the shell ends up in a heap snapshot. Asynchronous so
 * that a test file can start its recordings together: each is one program in its own process, most
 * of them on one core or idle between phases.
 */
export function recorded(script: string, args: readonly string[], timeoutMs = 300_000): Promise<string[]> {
  const scriptPath = join(SAMPLES, script);
  const hash = createHash('sha256').update(readFileSync(scriptPath)).update(JSON.stringify(args)).digest('hex').slice(0, 12);
  const dir = join(SAMPLES, '.recorded', `${script.replace(/[/\\.]/g, '-')}-${hash}`);
  const listing = (): string[] =>
    readdirSync(dir)
      .sort()
      .map((f) => join(dir, f));
  if (existsSync(dir)) return Promise.resolve(listing());
  const running = recordings.get(dir);
  if (running) return running;
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const recording = new Promise<string[]>((resolve, reject) => {
    const argv = ['--expose-gc', scriptPath, ...args.map((a) => a.replaceAll('{out}', work))];
    execFile(process.execPath, argv, { cwd: ROOT, env: { PATH: '/usr/bin:/bin' }, timeout: timeoutMs, maxBuffer: 64 * 2 ** 20 }, (error, _stdout, stderr) => {
      if (error) {
        rmSync(work, { recursive: true, force: true });
        reject(new Error(`recording ${script} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        return;
      }
      // Another test file may have recorded the same thing meanwhile: the first rename wins.
      try {
        renameSync(work, dir);
      } catch {
        rmSync(work, { recursive: true, force: true });
      }
      resolve(listing());
    }).stdin?.end();
  });
  // Started ahead of the test that awaits it: a failure is that test's, not an unhandled rejection.
  recording.catch(() => {});
  recordings.set(dir, recording);
  return recording;
}
