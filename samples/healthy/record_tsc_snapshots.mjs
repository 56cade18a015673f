// Records three heap snapshots of a real, healthy Node program for the judgment tests (issue 10):
// the TypeScript compiler (the project's own node_modules/typescript) rebuilding a small project
// the way `tsc --watch` does — the project's 20 files of analyzers/core, one of them edited before
// each rebuild, the new program built from the old one, the output emitted in memory and the old
// program dropped. Nothing in it leaks: the compiler holds one program at a time. After each of
// three rounds of rebuilds, a forced GC and v8.writeHeapSnapshot(): tsc-1/2/3.heapsnapshot
// (≈ 25 MB each).
//
// `--check-in-thirds`: the language service's way instead, as ESLint's typed rules use it — one program
// of analyzers/core and analyzers/heap (~100 files), a third more of its files type-checked before each
// snapshot. The checker keeps what it resolved (symbol and node links, types) for the program's life:
// its heap grows with every file checked, up to the program's size, and nothing leaks.
//
// Run (from the repository root): node --expose-gc samples/healthy/record_tsc_snapshots.mjs <outDir> [--check-in-thirds]
// The tests record them once into the git-ignored samples/.recorded/ (analyzers/report/tests/caseFixtures.ts).
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = resolve(process.argv[2] ?? '.');
const ROUNDS = 3;
const REBUILDS_PER_ROUND = 2;
mkdirSync(outDir, { recursive: true });

const checkInThirds = process.argv.includes('--check-in-thirds');
const projectDirs = (checkInThirds ? ['core', 'heap'] : ['core']).map((d) => join(root, 'analyzers', d));
const files = new Map(
  projectDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [join(dir, f), readFileSync(join(dir, f), 'utf8')]),
  ),
);
// No default library keeps the compiler's heap (and the snapshots) small; type errors do not matter here.
const options = { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noLib: true, types: [], strict: true };
const host = ts.createCompilerHost(options);
const readFile = host.readFile.bind(host);
host.readFile = (name) => files.get(resolve(name)) ?? readFile(name);
host.fileExists = (name) => files.has(resolve(name)) || ts.sys.fileExists(name);
const emitted = new Map();
host.writeFile = (name, text) => emitted.set(name, text);

// Node 20's V8 writes a snapshot's function locations by scanning the script's source from its start
// for each function when the script has no table of line ends yet: ~50 s per snapshot for the 9 MB
// typescript.js (2 s with the table). A stack trace through the compiler builds that table, as any
// error the compiler formatted would; the program and what it holds are the same.
ts.forEach([0], () => new Error().stack);

function snapshot(round) {
  globalThis.gc?.();
  const tmp = writeHeapSnapshot(join(outDir, `tsc-${round}.heapsnapshot.tmp`));
  renameSync(tmp, join(outDir, `tsc-${round}.heapsnapshot`));
}

if (checkInThirds) {
  const program = ts.createProgram([...files.keys()], options, host);
  const sources = [...files.keys()].map((name) => program.getSourceFile(name)).filter(Boolean);
  let diagnostics = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    for (const source of sources.slice(Math.floor((sources.length * (round - 1)) / ROUNDS), Math.floor((sources.length * round) / ROUNDS))) diagnostics += program.getSemanticDiagnostics(source).length;
    snapshot(round);
  }
  process.stdout.write(`${sources.length} files checked, ${diagnostics} diagnostics\n`);
} else {
  let program;
  let edits = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    for (let i = 0; i < REBUILDS_PER_ROUND; i++) {
      // An edit as a developer makes it: one file changes, the watcher rebuilds from the previous program.
      const [name, text] = [...files][edits % files.size];
      files.set(name, `${text.replace(/\n\/\/ edit \d+\n$/, '\n')}\n// edit ${++edits}\n`);
      program = ts.createProgram([...files.keys()], options, host, program);
      ts.getPreEmitDiagnostics(program);
      program.emit();
    }
    snapshot(round);
  }
  process.stdout.write(`${emitted.size} files emitted, ${edits} rebuilds\n`);
}
