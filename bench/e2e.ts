import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_DATA, ensureSnapshot, ensureSnapshotSet, type SnapshotSpec } from './heapData';
import { bundleRunner, median, medianBy, report, runPart, type PartResult } from './heapParts';
import { timeToFirstSummary, type UiTiming } from './uiSummary';

/**
 * `npm run bench:e2e [-- --skip-big] [-- --rounds=N] [-- --keep]`: the whole analysis as the user waits
 * for it — `node bin/aftermath.mjs analyze … --format json`, exactly as users run it (the compiled CLI
 * when `npm ci` built it) — beside memlab's `getFullHeapFromFile`, heapsnapshot-parser and the
 * integer-tokenizing floor, on generated snapshots of the sample game server: one of ~300 MB, one of
 * ~1 GB, and a three-snapshot set (baseline, target, final of one run, ~250–300 MB each), plus a
 * 1 KB events file. Prints wall time, CPU and peak RSS side by side with the targets; asserts nothing.
 * What a target compares is measured in the same rounds, since this machine's speed changes from
 * minute to minute: the UI's first summary right after each CLI run of the same file, and each round's
 * set right before the final alone (three / one is the median of the rounds' ratios).
 * memlab is installed into bench/data/memlab on the first run (never a dependency of the project).
 * Generated snapshots are deleted afterwards unless `--keep` is given.
 */
const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'aftermath.mjs');
const MEMLAB = join(BENCH_DATA, 'memlab');
const PYTHON = 'python3';
const TIME_WITH_ORPHANS = join(__dirname, 'timeWithOrphans.py');
const SMALL_INPUT = join(ROOT, 'samples', 'incidents', 'lock-contention', 'events.jsonl');

const SINGLE: SnapshotSpec = { sessionsPerPhase: 120_000, residents: 2000, tickEvery: 1000 };
const BIG: SnapshotSpec = { sessionsPerPhase: 420_000, residents: 2000, tickEvery: 1000 };
/** A big steady catalog, so that the baseline is nearly as big as the final snapshot. */
const SET: SnapshotSpec = { sessionsPerPhase: 25_000, residents: 2000, tickEvery: 1000, catalog: 1_300_000 };

/** memlab in a scratch folder of its own, installed on first use. */
function ensureMemlab(): boolean {
  if (existsSync(join(MEMLAB, 'node_modules', '@memlab', 'heap-analysis'))) return true;
  console.log(`installing memlab into ${MEMLAB} (once): PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix ${MEMLAB} memlab`);
  const npm = spawnSync('npm', ['install', '--prefix', MEMLAB, '--no-audit', '--no-fund', 'memlab'], {
    stdio: 'inherit',
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  return npm.status === 0;
}

/**
 * The CLI as users run it, under bench/timeWithOrphans.py for the CPU and peak RSS: the CLI does not
 * wait for its killed analysis child, which GNU time would then miss. The peak is the largest of the
 * CLI and the child, not their sum (the CLI's own ~50 MiB is apart); the wall ends with the CLI.
 */
function cli(label: string, paths: string[]): PartResult {
  const out = mkdtempSync(join(BENCH_DATA, 'e2e-out-'));
  const args = [BIN, 'analyze', ...paths, '--format', 'json', '--out', out, '--quiet'];
  const start = performance.now();
  const r = spawnSync(PYTHON, [TIME_WITH_ORPHANS, process.execPath, ...args], { encoding: 'utf8' });
  const measured = /aftermath-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  const ms = measured ? Math.round(Number(measured[1]) * 1000) : Math.round(performance.now() - start);
  rmSync(out, { recursive: true, force: true });
  const cpuMs = measured ? Math.round((Number(measured[2]) + Number(measured[3])) * 1000) : NaN;
  const peakRssMiB = measured ? Math.round(Number(measured[4]) / 1024) : NaN;
  const notices = r.stderr.split('\n').filter((l) => l && !l.startsWith('aftermath-time'));
  // Exit 1 only means findings at or above --fail-on, which is not given: anything but 0 failed.
  if (r.status !== 0) return { part: label, ms, cpuMs, peakRssMiB, error: notices.join(' | ') || `exit ${r.status ?? r.signal}` };
  return { part: label, ms, cpuMs, peakRssMiB, notices };
}

const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const mib = (bytes: number) => bytes / 2 ** 20;

interface Input {
  name: string;
  paths: string[];
  parser: boolean;
  /** The browser UI's time to its first summary, each round beside the CLI's. */
  ui?: boolean;
  /** Each round also runs this input's CLI right after, for the ratio of the two (three / one). */
  pairedWith?: string[];
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const skipBig = process.argv.includes('--skip-big');
  const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 1);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (spawnSync(PYTHON, ['--version']).status !== 0) console.log(`(${PYTHON} is missing: the CLI's peak RSS and CPU are not measured)`);
  // As users have it after `npm ci`: the CLI compiled from the sources as they are now.
  if (spawnSync(process.execPath, [join(ROOT, 'scripts', 'cliBundle.mjs')], { stdio: 'inherit' }).status !== 0) throw new Error('compiling the CLI failed');
  const memlab = ensureMemlab();
  const { runner } = bundleRunner();
  const set = ensureSnapshotSet(SET);
  const inputs: Input[] = [
    { name: '~300 MB snapshot', paths: [ensureSnapshot(SINGLE)], parser: true, ui: true },
    ...(skipBig ? [] : [{ name: '~1 GB snapshot', paths: [ensureSnapshot(BIG)], parser: true, ui: true }]),
    { name: 'final of the set alone', paths: [set[2]], parser: false },
    { name: 'three-snapshot set', paths: set, parser: false, pairedWith: [set[2]] },
  ];
  const generated = inputs.flatMap((i) => i.paths);
  const ratios: number[] = [];
  const coldRatios: number[] = [];
  try {
    for (const input of inputs) {
      const bytes = input.paths.reduce((sum, p) => sum + statSync(p).size, 0);
      console.log(`\n${input.name}: ${input.paths.map((p) => `${p.slice(BENCH_DATA.length + 1)} (${mib(statSync(p).size).toFixed(0)} MiB)`).join(', ')}`);
      const runs = { cli: [] as PartResult[], floor: [] as PartResult[], ui: [] as UiTiming[], paired: [] as PartResult[] };
      // The machine's speed changes from minute to minute: what is compared is measured in the same rounds.
      for (let i = 0; i < rounds; i++) {
        runs.floor.push(runPart(runner, 'floor', ['floor', ...input.paths]));
        // The pair's two runs each right after a run of the same command (a warm-up, as hyperfine's): this VM
        // hands the pages of a process's peak back to its host within seconds and charges ~3.5 ms a MiB
        // to touch them again, so a run after a smaller one pays for the difference and a run after a
        // bigger one does not — the set always paid, the final alone never. Both warm-ups are printed.
        const coldSet = input.pairedWith ? cli('aftermath analyze (warm-up)', input.paths) : undefined;
        const run = cli('aftermath analyze', input.paths);
        runs.cli.push(run);
        if (input.ui) runs.ui.push(await timeToFirstSummary(input.paths));
        if (input.pairedWith && coldSet) {
          const coldAlone = cli('the final alone (warm-up)', input.pairedWith);
          const alone = cli('the final alone', input.pairedWith);
          runs.paired.push(alone);
          ratios.push(run.ms / alone.ms);
          coldRatios.push(coldSet.ms / coldAlone.ms);
          console.log(`  round ${i + 1}: warm-ups ${(coldSet.ms / 1000).toFixed(2)} s / ${(coldAlone.ms / 1000).toFixed(2)} s = ${(coldSet.ms / coldAlone.ms).toFixed(2)}×; timed ${(run.ms / 1000).toFixed(2)} s / ${(alone.ms / 1000).toFixed(2)} s = ${(run.ms / alone.ms).toFixed(2)}×`);
        }
      }
      const floor = median(runs.floor);
      const analysis = median(runs.cli);
      report(floor, runs.floor, 22);
      report(analysis, runs.cli, 22);
      if (runs.paired.length) report(median(runs.paired), runs.paired, 22);
      const ml = memlab ? runPart(runner, 'memlab', ['memlab', `--memlab=${MEMLAB}`, ...input.paths], ['--max-old-space-size=16000']) : undefined;
      if (ml) report(ml, [ml], 22);
      if (input.parser) {
        const parser = runPart(runner, 'heapsnapshot-parser', ['oracle', input.paths[0]], ['--max-old-space-size=16000']);
        report(parser, [parser], 22);
      }
      if (runs.ui.length) {
        // The browser UI on the same file, each round right after the CLI: serve's child runs the same analysis; the page shows the summary when it ends.
        const ui = medianBy(runs.ui, (u) => u.pageToSummaryMs);
        const all = runs.ui.map((u) => `${(u.pageToSummaryMs / 1000).toFixed(2)} s`).join(', ');
        console.log(`  UI: aftermath serve started in ${(ui.serveStartMs / 1000).toFixed(2)} s; page opened → summary by constructor ${(ui.pageToSummaryMs / 1000).toFixed(2)} s (of ${all}) = ${ratio(ui.pageToSummaryMs, analysis.ms)} the CLI's wall [within 10 %]; serve launched → summary ${(ui.launchToSummaryMs / 1000).toFixed(2)} s = ${ratio(ui.launchToSummaryMs, analysis.ms)}`);
      }
      console.log(`  against the targets: aftermath / memlab ${ratio(analysis.ms, ml?.ms ?? NaN)} [≤ 0.2×]; / floor ${ratio(analysis.ms, floor.ms)} [≤ 3×]; peak RSS / ${input.paths.length > 1 ? `all files (${mib(bytes).toFixed(0)} MiB) ${ratio(analysis.peakRssMiB, mib(bytes))} [≤ 2×], / largest file` : 'file'} ${ratio(analysis.peakRssMiB, Math.max(...input.paths.map((p) => mib(statSync(p).size))))}${input.paths.length > 1 ? '' : ' [≤ 2×]'}`);
    }
    const paired = ratios.map((r) => `${r.toFixed(2)}×`).join(', ');
    console.log(`\nthree snapshots / the final one alone, each round's set beside its final, each after its warm-up: ${ratios.length ? `${medianBy(ratios, (r) => r).toFixed(2)}×` : 'n/a'} (of ${paired}) [≤ 2.5×]; the warm-ups: ${coldRatios.map((r) => `${r.toFixed(2)}×`).join(', ') || 'n/a'}`);

    const small: PartResult[] = [];
    for (let i = 0; i < 5; i++) small.push(cli('1 KB events file', [SMALL_INPUT]));
    report(median(small), small, 22);
    console.log(`  against the target: ${(median(small).ms / 1000).toFixed(2)} s [≤ 0.4 s]`);
  } finally {
    if (!keep) for (const p of generated) rmSync(p, { force: true });
  }
}

void main();
