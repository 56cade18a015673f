import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer } from './serve/server';
import { UsageError } from './usageError';

const ROOT = join(__dirname, '..');
const RENDERER_DIR = join(ROOT, 'out', 'renderer');

export async function runServeCommand(files: string[], options: { port?: string }): Promise<number> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new UsageError(`--port takes a port number (got '${options.port}')`);
  }
  ensureRendererBuilt();
  const server = await startServer({ files, port, rendererDir: RENDERER_DIR });
  process.stdout.write(`Aftermath is serving on ${server.url}\nOpen that address in your browser (Ctrl+C to stop).\n`);
  await new Promise<void>((done) => {
    const stop = () => void server.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** Where the renderer bundle's sources live: the UI and the analysis code it imports. */
const UI_SOURCES = ['renderer', 'analyzers'].map((d) => join(ROOT, d));

/**
 * The UI is the desktop app's renderer bundle: built when this checkout has none, and again when a
 * source is newer than it (a pulled or edited checkout would otherwise serve yesterday's UI).
 */
function ensureRendererBuilt(): void {
  const state = uiBuildState(join(RENDERER_DIR, 'index.html'), UI_SOURCES);
  if (state === 'current') return;
  process.stderr.write(state === 'missing' ? 'Building the UI once (out/renderer is missing)…\n' : 'Building the UI again (its sources changed since out/renderer was built)…\n');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the UI failed (see the output above)');
}

/** Whether the bundle whose entry is `index` is missing, older than a file under `sources`, or current. */
export function uiBuildState(index: string, sources: readonly string[]): 'missing' | 'stale' | 'current' {
  if (!existsSync(index)) return 'missing';
  const builtAt = statSync(index).mtimeMs;
  return sources.some((dir) => changedSince(dir, builtAt)) ? 'stale' : 'current';
}

function changedSince(dir: string, ms: number): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile() && statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs > ms);
}
