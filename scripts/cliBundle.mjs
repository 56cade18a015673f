// The compiled CLI: esbuild bundles the CLI, its analysis child process and the heap's helper thread
// into dist/ at install time (`npm ci` runs `prepare`), so that nothing is transpiled at start-up.
// bin/aftermath.mjs runs the bundle while the manifest says it was built from the sources as they are.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
/** Directly under the project root: the sources' `join(__dirname, '..')` (samples/, out/renderer, package.json) holds in the bundle too. */
export const BUNDLE_DIR = join(ROOT, 'dist');
const MANIFEST = join(BUNDLE_DIR, 'cli-manifest.json');

const ENTRIES = {
  cli: 'cli/main.ts',
  analysisProcess: 'cli/analysisProcess.ts',
  inProcessJobs: 'cli/inProcessJobs.ts',
  graphIndexWorker: 'analyzers/heap/graphIndexWorker.ts',
  parseWorker: 'analyzers/heap/parseWorker.ts',
  cycleSearchWorker: 'analyzers/heap/cycleSearchWorker.ts',
};

/**
 * The source file that changed since the bundle was built, `'missing'` when there is no bundle, or
 * undefined when the bundle is current. One stat per source (~200): a few milliseconds.
 */
export function staleBundleInput() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return 'missing';
  }
  for (const [path, mtimeMs, size] of manifest.inputs) {
    try {
      const s = statSync(join(ROOT, path));
      if (s.mtimeMs !== mtimeMs || s.size !== size) return path;
    } catch {
      return path;
    }
  }
  return undefined;
}

/** Builds the bundles; each file is written beside its place and renamed, the manifest last. */
export async function buildCliBundle() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Packages load from node_modules as they are (plain JavaScript); sql.js finds its wasm beside itself.
    packages: 'external',
    // The sources run as CommonJS under tsx, where `import.meta.url` is the module's own URL.
    banner: { js: 'const __aftermathModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__aftermathModuleUrl', AFTERMATH_COMPILED: 'true' },
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(BUNDLE_DIR, { recursive: true });
  rmSync(MANIFEST, { force: true });
  for (const file of result.outputFiles) {
    const temp = `${file.path}.tmp-${process.pid}`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  const sources = [...Object.keys(result.metafile.inputs), relative(ROOT, fileURLToPath(import.meta.url))];
  const inputs = sources.sort().map((path) => {
    const s = statSync(join(ROOT, path));
    return [path, s.mtimeMs, s.size];
  });
  const temp = `${MANIFEST}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify({ builtAt: new Date().toISOString(), inputs })}\n`);
  renameSync(temp, MANIFEST);
  return inputs.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const count = await buildCliBundle();
    process.stdout.write(`compiled the CLI into ${relative(process.cwd(), BUNDLE_DIR) || '.'}/ (${count} sources)\n`);
  } catch (e) {
    // Installed without devDependencies (no esbuild): the CLI still runs, from the sources under tsx.
    if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes("'esbuild'")) process.stdout.write('esbuild is not installed: the CLI will run from its TypeScript sources (slower start-up)\n');
    else throw e;
  }
}
