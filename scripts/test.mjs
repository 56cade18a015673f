#!/usr/bin/env node
// The whole test suite, as the README and CI run it: type-check, lint, build, unit tests, the Electron
// security lint, then the end-to-end tests in Chromium. Ends with one "N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';

const root = join(import.meta.dirname, '..');
const artifacts = join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

// What the steps write to the temporary folder (cases, recordings, generated snapshots, browser
// profiles) goes to one folder of this run, removed at its end: runs used to leave theirs in /tmp.
const scratch = mkdtempSync(join(tmpdir(), 'aftermath-tests-'));
const env = { ...process.env, FORCE_COLOR: '0', TMPDIR: scratch };

function step(title, cmd, args, { vitestReport } = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${title}\n`);
  if (vitestReport) rmSync(vitestReport, { force: true });
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  record(title, r.status, started, { vitestReport });
}

/** Counts a finished step and prints its result line. */
function record(title, status, started, { vitestReport } = {}) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (vitestReport && existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    passed += report.numPassedTests;
    // A step can fail with every test passed (an uncaught error, a file that did not load): it counts as one failure.
    failed += status !== 0 && report.numFailedTests === 0 ? 1 : report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  } else {
    if (status === 0) passed++;
    else failed++;
  }
  if (status !== 0) failures.push(title);
  process.stdout.write(`=== ${title}: ${status === 0 ? 'ok' : 'FAILED'} in ${seconds}s\n`);
}

/**
 * Steps that read the sources and write nothing the others read, run as many at a time as there are
 * cores: each is one single-threaded process. Their output is held and printed whole when each ends,
 * the longest started first so that the rest fill the other cores around it.
 */
async function concurrentSteps(steps) {
  const queue = [...steps];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [title, cmd, args] = next;
      const started = Date.now();
      const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
      const output = [];
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
      const status = await new Promise((resolve) => {
        child.on('error', (error) => {
          output.push(Buffer.from(`${error.message}\n`));
          resolve(1);
        });
        child.on('close', (code) => resolve(code ?? 1));
      });
      process.stdout.write(`\n=== ${title}\n${Buffer.concat(output).toString()}`);
      record(title, status, started);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), queue.length) }, worker));
}

await concurrentSteps([
  ['lint (ESLint: typescript-eslint with types, React hooks, analyzers/ free of DOM, React and Electron)', bin('eslint'), ['--max-warnings=0', '.']],
  ['type-check (renderer, e2e, with the DOM)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['type-check (analyzers, cli, without the DOM)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['type-check (electron, against electron.d.ts)', bin('tsc'), ['-p', 'tsconfig.electron.json', '--noEmit']],
  ['layers (dependency-cruiser: .dependency-cruiser.cjs, allowlist .dependency-cruiser-known-violations.json)', bin('depcruise'), ['analyzers', 'cli', 'electron', 'renderer', '--config', '.dependency-cruiser.cjs', '--ignore-known']],
  ['electron-vite build', bin('electron-vite'), ['build']],
]);
const unitReport = join(artifacts, 'unit-results.json');
step('unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`], { vitestReport: unitReport });
if (existsSync(join(root, 'scripts', 'electronegativity.mjs'))) {
  step('electronegativity (Electron security lint on out/)', process.execPath, [join(root, 'scripts', 'electronegativity.mjs')]);
}
const e2eReport = join(artifacts, 'e2e-results.json');
step('end-to-end tests in Chromium', bin('vitest'), ['run', '--config', 'vitest.e2e.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eReport}`], { vitestReport: e2eReport });

rmSync(scratch, { recursive: true, force: true });
if (failures.length) process.stdout.write(`\nFailed steps: ${failures.join('; ')}\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exitCode = failures.length ? 1 : 0;
