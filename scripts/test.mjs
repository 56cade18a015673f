#!/usr/bin/env node
// The whole test suite, as the README and CI run it: type-check, lint, build, unit tests, the Electron
// security lint, then the end-to-end tests in Chromium. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const artifacts = join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(title, cmd, args, { vitestReport } = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${title}\n`);
  if (vitestReport) rmSync(vitestReport, { force: true });
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (vitestReport && existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  } else {
    if (r.status === 0) passed++;
    else failed++;
  }
  if (r.status !== 0) failures.push(title);
  process.stdout.write(`=== ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${seconds}s\n`);
}

step('type-check (analyzers, cli, without the DOM)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
step('type-check (renderer, e2e, with the DOM)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('type-check (electron, against electron.d.ts)', bin('tsc'), ['-p', 'tsconfig.electron.json', '--noEmit']);
step('layers (dependency-cruiser: .dependency-cruiser.cjs, allowlist .dependency-cruiser-known-violations.json)', bin('depcruise'), ['analyzers', 'cli', 'electron', 'renderer', '--config', '.dependency-cruiser.cjs', '--ignore-known']);
step('lint (ESLint: typescript-eslint with types, React hooks, analyzers/ free of DOM, React and Electron)', bin('eslint'), ['--max-warnings=0', '.']);
step('electron-vite build', bin('electron-vite'), ['build']);
const unitReport = join(artifacts, 'unit-results.json');
step('unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`], { vitestReport: unitReport });
if (existsSync(join(root, 'scripts', 'electronegativity.mjs'))) {
  step('electronegativity (Electron security lint on out/)', process.execPath, [join(root, 'scripts', 'electronegativity.mjs')]);
}
const e2eReport = join(artifacts, 'e2e-results.json');
step('end-to-end tests in Chromium', bin('vitest'), ['run', '--config', 'vitest.e2e.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eReport}`], { vitestReport: e2eReport });

if (failures.length) process.stdout.write(`\nFailed steps: ${failures.join('; ')}\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exitCode = failures.length ? 1 : 0;
