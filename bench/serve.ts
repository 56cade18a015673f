import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { JobEvent } from '../analyzers/app/api/appApi';
import { startServer, type RunningServer } from '../cli/serve/server';

/**
 * `npm run bench:serve [-- --clients N]`: `aftermath serve` under load. N clients (8 by default), each
 * as a browser tab: its own event stream, an upload, two analyses of the samples (one cancelled half
 * way), SQL queries over its results and file listings, all at once. Prints the requests held and
 * failed, latency by kind (median, 95th percentile, worst) and the peak memory of the server and
 * its analysis, query and export processes. Asserts nothing.
 */
const SAMPLES = join(__dirname, '..', 'samples');
const FILES = [join(SAMPLES, 'heap/game-1-baseline.heapsnapshot.gz'), join(SAMPLES, 'incidents/memory-leak/events.jsonl'), join(SAMPLES, 'incidents/memory-leak/game-1-memory.prometheus.json')];
const clientsArg = process.argv.indexOf('--clients');
const CLIENTS = clientsArg > 0 ? Number(process.argv[clientsArg + 1]) : 8;

const latencies = new Map<string, number[]>();
let held = 0;
const failures: string[] = [];

function call(server: RunningServer, kind: string, method: string, path: string, body?: string | Buffer): Promise<{ status: number; text: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(`http://127.0.0.1:${server.port}${path}`, { method, headers: { 'x-aftermath-token': server.token, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        latencies.set(kind, [...(latencies.get(kind) ?? []), performance.now() - started]);
        if ((res.statusCode ?? 0) < 400) held++;
        else failures.push(`${kind}: ${res.statusCode} ${text.slice(0, 120)}`);
        resolve({ status: res.statusCode ?? 0, text });
      });
    });
    req.on('error', (e) => {
      failures.push(`${kind}: ${e.message}`);
      resolve({ status: 0, text: '' });
    });
    req.end(body);
  });
}

/** One tab's event stream: resolves a job's end. */
function stream(server: RunningServer): { end(jobId: string): Promise<JobEvent>; close(): void } {
  const ends = new Map<string, JobEvent>();
  const waiting = new Map<string, (e: JobEvent) => void>();
  let buffer = '';
  const req = request(`http://127.0.0.1:${server.port}/api/events`, { headers: { 'x-aftermath-token': server.token } }, (res) => {
    res.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (!frame.startsWith('data: ')) continue;
        const e = JSON.parse(frame.slice(6)) as JobEvent;
        if (e.type === 'progress') continue;
        ends.set(e.jobId, e);
        waiting.get(e.jobId)?.(e);
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return {
    end: (jobId) => new Promise((resolve) => (ends.has(jobId) ? resolve(ends.get(jobId)!) : waiting.set(jobId, resolve))),
    close: () => req.destroy(),
  };
}

function rssMiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The server's processes: this process's children but tsx's esbuild service (it serves this script, not the server). */
function children(): number[] {
  try {
    const pids = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
    return pids.filter((pid) => !commandOf(pid).includes('esbuild'));
  } catch {
    return [];
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

async function client(server: RunningServer, ids: string[], n: number): Promise<void> {
  const events = stream(server);
  try {
    const upload = await call(server, 'upload', 'POST', `/api/upload?name=events-${n}.jsonl`, readFileSync(FILES[1]));
    const uploaded = upload.status === 200 ? [(JSON.parse(upload.text) as { id: string }).id] : [];
    const start = async (fileIds: string[]) => (JSON.parse((await call(server, 'start job', 'POST', '/api/jobs', JSON.stringify({ fileIds }))).text) as { jobId: string }).jobId;
    const cancelled = await start([ids[0]]);
    setTimeout(() => void call(server, 'cancel', 'POST', `/api/jobs/${cancelled}/cancel`), 500 + n * 100);
    const jobId = await start([...ids.slice(n % 2), ...uploaded]);
    for (let i = 0; i < 5; i++) await call(server, 'list files', 'GET', '/api/files');
    const [end] = await Promise.all([events.end(jobId), events.end(cancelled)]);
    if (end.type !== 'result') failures.push(`job ${jobId}: ${end.type}${end.type === 'error' ? ` ${end.message}` : ''}`);
    for (const sql of ['SELECT count(*) FROM findings', 'SELECT * FROM inputs', 'SELECT analysis, count(*) FROM findings GROUP BY analysis']) {
      await call(server, 'query', 'POST', '/api/query', JSON.stringify({ jobId, sql }));
    }
    await call(server, 'export', 'POST', '/api/export', JSON.stringify({ jobId, format: 'md', content: 'report' }));
  } finally {
    events.close();
  }
}

async function main(): Promise<void> {
  const renderer = mkdtempSync(join(tmpdir(), 'aftermath-bench-ui-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Aftermath</title>');
  const server = await startServer({ files: FILES, rendererDir: renderer });
  let peakServer = 0;
  let peakChildren = 0;
  const sampler = setInterval(() => {
    peakServer = Math.max(peakServer, rssMiB(process.pid));
    peakChildren = Math.max(peakChildren, children().reduce((sum, pid) => sum + rssMiB(pid), 0));
  }, 100);
  const started = performance.now();
  try {
    const ids = (JSON.parse((await call(server, 'list files', 'GET', '/api/files')).text) as { id: string }[]).map((f) => f.id);
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(server, ids, n)));
  } finally {
    clearInterval(sampler);
    await server.close();
    rmSync(renderer, { recursive: true, force: true });
  }
  // The processes are ended by close(); their exit takes a moment to be seen.
  for (let i = 0; i < 50 && children().length; i++) await new Promise((r) => setTimeout(r, 100));
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  console.log(`aftermath serve, ${CLIENTS} clients at once: ${((performance.now() - started) / 1000).toFixed(1)} s; ${held} requests held, ${failures.length} failed`);
  for (const [kind, xs] of latencies) console.log(`  ${kind.padEnd(10)} ${String(xs.length).padStart(4)} requests: median ${pct(xs, 0.5).toFixed(0)} ms, p95 ${pct(xs, 0.95).toFixed(0)} ms, worst ${Math.max(...xs).toFixed(0)} ms`);
  console.log(`  peak memory: server ${peakServer.toFixed(0)} MiB, its analysis/query/export processes ${peakChildren.toFixed(0)} MiB together; after close: ${children().length} left`);
  for (const f of failures.slice(0, 10)) console.log(`  failed: ${f}`);
}

void main();
