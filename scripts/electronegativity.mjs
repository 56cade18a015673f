#!/usr/bin/env node
// Electron security lint: Doyensec's electronegativity on the built app in out/ (run
// `npx electron-vite build` first; `npm test` does), scanned together with the electron/ sources:
// its checks match source shapes such as `new BrowserWindow({…})`, which the bundler rewrites to
// `new electron.BrowserWindow(…)`, so on out/ alone a window with nodeIntegration on would pass.
// Offline: the one networked check is excluded and the translation download the runner starts
// with is answered locally. Prints every finding; exits 1 on any finding not reviewed below (see
// docs/desktop.md), 2 when it cannot run.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'out');
const require = createRequire(import.meta.url);

/** AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

if (!existsSync(join(out, 'main', 'index.js')) || !existsSync(join(out, 'renderer', 'index.html'))) {
  console.error('electronegativity: out/ has no built app; run `npx electron-vite build` first');
  process.exit(2);
}

const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const toolRequire = createRequire(join(toolDir, 'package.json'));
// The runner fetches updated translations with `got` before scanning; no network here.
const gotPath = toolRequire.resolve('got');
const offlineGot = async () => ({ statusCode: 404, body: '' });
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offlineGot };

const runner = toolRequire('./dist/runner.js');
const run = typeof runner === 'function' ? runner : runner.default;
const csp = toolRequire('@doyensec/csp-evaluator');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

/**
 * Findings reviewed and accepted, each with the exact condition under which it stays accepted, so
 * that a weaker configuration fails again. Reasons are in docs/desktop.md.
 */
const REVIEWED = [
  {
    id: 'PRELOAD_JS_CHECK',
    why: 'the one preload (electron/preload/index.ts) exposes only the named operations of AftermathApi; electron/tests/preload.test.ts checks that surface',
    accepts: (issue) => issue.file === join('src', 'electron', 'main', 'window.ts'),
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    why: "script-src 'self' is flagged because a site that hosts JSONP endpoints or user uploads under its own origin can be made to run them; app://aftermath serves only the built bundle in out/renderer",
    accepts: (issue) => {
      if (typeof issue.sample !== 'string') return false;
      const findings = new csp.CspEvaluator(new csp.CspParser(issue.sample).csp, csp.Version.CSP3).evaluate();
      const serious = findings.filter((f) => f.severity <= csp.severities.MEDIUM_MAYBE && f.severity !== csp.severities.STRICT_CSP);
      return serious.length > 0 && serious.every((f) => f.directive === 'script-src' && f.value === "'self'" && f.severity === csp.severities.MEDIUM_MAYBE);
    },
  },
];

// One input holding both, so the global checks (CSP, navigation limits, permission handler) see
// the whole app. Test files are left out: they fake Electron rather than configure it.
const staged = mkdtempSync(join(tmpdir(), 'aftermath-electronegativity-'));
cpSync(out, join(staged, 'out'), { recursive: true });
cpSync(join(root, 'electron'), join(staged, 'src', 'electron'), {
  recursive: true,
  filter: (path) => !path.endsWith('.test.ts') && !path.includes(`${sep}tests`),
});

const started = Date.now();
const result = await run(
  {
    input: staged,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
  },
  false,
).finally(() => rmSync(staged, { recursive: true, force: true }));

let failures = 0;
for (const error of result.errors) {
  // A file it could not parse was not checked: that is a failure too, unless the parser recovered.
  console.log(`${error.tolerable ? 'warning' : 'ERROR'}: could not fully parse ${error.file}: ${error.message}`);
  if (!error.tolerable) failures++;
}
for (const issue of result.issues) {
  const reviewed = REVIEWED.find((r) => r.id === issue.id && r.accepts(issue));
  const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
  console.log(`${reviewed ? 'reviewed' : 'FINDING '} ${issue.id} (${issue.severity.name}, ${issue.confidence.name}) at ${where}: ${issue.description}`);
  if (issue.sample) console.log(`         sample: ${issue.sample}`);
  if (reviewed) console.log(`         accepted: ${reviewed.why}`);
  else failures++;
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `electronegativity (Electron ${electronVersion}): ${result.atomicChecks} atomic + ${result.globalChecks} global checks on out/ and electron/, ` +
    `${result.issues.length} finding(s), ${failures} not accepted, in ${seconds}s (excluded: ${EXCLUDED_CHECKS.join(', ')})`,
);
process.exit(failures > 0 ? 1 : 0);
