import { existsSync } from 'node:fs';
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

/** The UI is the desktop app's renderer bundle; build it once if this checkout has not yet. */
function ensureRendererBuilt(): void {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  process.stderr.write('Building the UI once (out/renderer is missing)…\n');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the UI failed (see the output above)');
}
