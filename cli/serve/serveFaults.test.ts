/**
 * `aftermath serve` under faults and with jobs running (issue 15, items 7 and 8): an analysis process
 * killed mid-job, a client gone mid-upload, an upload past the limit, several clients analysing and
 * querying at once, and the access checks and path handling while jobs run. No timing assertions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server';
import { call, events, json, startJob, type Answer } from './serveTestClient';

const SAMPLE = join(__dirname, '../../samples/heap/game-1-baseline.heapsnapshot.gz');
const EVENTS = join(__dirname, '../../samples/incidents/memory-leak/events.jsonl');

/** The node processes this test process started (the server's analysis, query and export children). */
function childProcesses(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('aftermath serve under load and faults', () => {
  let server: RunningServer;
  let uploads: string;
  let fileIds: { heap: string; events: string };

  beforeAll(async () => {
    const renderer = mkdtempSync(join(tmpdir(), 'aftermath-ui-'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Aftermath</title>');
    // A symlink inside the UI folder that leads out of it must not serve what it points to.
    const secret = join(mkdtempSync(join(tmpdir(), 'aftermath-secret-')), 'secret.txt');
    writeFileSync(secret, 'not for the browser');
    symlinkSync(secret, join(renderer, 'leak.txt'));
    uploads = mkdtempSync(join(tmpdir(), 'aftermath-uploads-'));
    server = await startServer({ files: [SAMPLE, EVENTS], rendererDir: renderer, maxUploadBytes: 4 * 2 ** 20, uploadDir: uploads });
    const files = json<{ id: string; name: string }[]>(await call(server, 'GET', '/api/files'));
    fileIds = { heap: files.find((f) => f.name.endsWith('.gz'))!.id, events: files.find((f) => f.name === 'events.jsonl')!.id };
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    // Nothing outlives the server: no analysis, query or export process is left behind.
    for (let i = 0; i < 100 && childProcesses().length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(childProcesses()).toEqual([]);
  });

  it('an analysis process killed (SIGKILL) mid-job ends that job with an error naming the file, and the next job runs', async () => {
    const stream = events(server);
    try {
      const jobId = await startJob(server, [fileIds.heap]);
      // Killed once it is working on the job (its first progress event).
      for (let i = 0; i < 600 && !stream.all.some((e) => e.jobId === jobId && e.type === 'progress'); i++) await new Promise((r) => setTimeout(r, 50));
      const children = childProcesses();
      expect(children.length).toBe(1);
      process.kill(children[0], 'SIGKILL');
      const end = await stream.until(jobId);
      expect(end).toMatchObject({ type: 'error' });
      expect(end.type === 'error' && end.message).toMatch(/The analysis process .* while analyzing game-1-baseline\.heapsnapshot\.gz/);
      const next = await stream.until(await startJob(server, [fileIds.events]));
      expect(next.type).toBe('result');
    } finally {
      stream.close();
    }
  }, 180_000);

  it('several clients analysing and querying at once each get their result, and cancels are answered', async () => {
    const tabs = [events(server), events(server), events(server)];
    try {
      const jobs = await Promise.all([startJob(server, [fileIds.events]), startJob(server, [fileIds.heap]), startJob(server, [fileIds.events, fileIds.heap])]);
      const cancelled = await startJob(server, [fileIds.heap]);
      expect((await call(server, 'POST', `/api/jobs/${cancelled}/cancel`)).status).toBe(200);
      const ends = await Promise.all(jobs.map((j, i) => tabs[i].until(j)));
      expect(ends.map((e) => e.type)).toEqual(['result', 'result', 'result']);
      // Every tab sees every job's end (one event stream per tab).
      expect((await tabs[2].until(cancelled)).type).toBe('cancelled');
      const queries = await Promise.all(jobs.map((jobId) => call(server, 'POST', '/api/query', JSON.stringify({ jobId, sql: 'SELECT count(*) FROM inputs' }), { 'content-type': 'application/json' })));
      expect(queries.map((q) => [q.status, json<{ status: string }>(q).status])).toEqual([
        [200, 'ok'],
        [200, 'ok'],
        [200, 'ok'],
      ]);
    } finally {
      for (const t of tabs) t.close();
    }
  }, 300_000);

  it('a client gone in the middle of an upload leaves no file behind, and the server answers the next request', async () => {
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      `POST /api/upload?name=big.heapsnapshot HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nx-aftermath-token: ${server.token}\r\ncontent-length: 3000000\r\n\r\n`,
    );
    socket.write(Buffer.alloc(500_000, 0x41));
    // The server has the upload under way: its folder exists.
    for (let i = 0; i < 200 && readdirSync(uploads).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(uploads).length).toBe(1);
    socket.destroy();
    for (let i = 0; i < 200 && readdirSync(uploads).length > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(uploads)).toEqual([]);
    expect((await call(server, 'GET', '/api/files')).status).toBe(200);
  });

  it('an upload past the limit is refused (declared or not), with nothing kept', async () => {
    const declared = await call(server, 'POST', '/api/upload?name=huge.bin', Buffer.alloc(5 * 2 ** 20));
    expect(declared.status).toBe(413);
    expect(json<{ error: string }>(declared).error).toMatch(/huge\.bin is larger than the 4\.0 MiB upload limit/);
    // Sent in chunks without a Content-Length: counted as it arrives.
    const chunked = await new Promise<Answer>((resolve, reject) => {
      const req = request(`http://127.0.0.1:${server.port}/api/upload?name=chunked.bin`, { method: 'POST', headers: { 'x-aftermath-token': server.token, 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      for (let i = 0; i < 6; i++) req.write(Buffer.alloc(2 ** 20));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('while jobs run: the token, Host and Origin checks hold, paths stay inside, upload names stay names', async () => {
    const running = await startJob(server, [fileIds.heap]);
    try {
      expect((await call(server, 'GET', '/api/files', undefined, { 'x-aftermath-token': 'wrong' })).status).toBe(403);
      expect((await call(server, 'GET', '/api/files', undefined, { host: 'evil.example' })).status).toBe(403);
      expect((await call(server, 'GET', '/api/files', undefined, { origin: 'http://evil.example' })).status).toBe(403);
      expect((await call(server, 'POST', '/api/jobs', JSON.stringify({ fileIds: [fileIds.heap] }), { 'x-aftermath-token': '' })).status).toBe(403);
      // Paths: traversal, encoded traversal, an absolute path, a symlink out of the UI folder.
      for (const path of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '//etc/passwd', '/leak.txt']) {
        const answer = await call(server, 'GET', path);
        expect([403, 404]).toContain(answer.status);
        expect(answer.body).not.toMatch(/root:|not for the browser/);
      }
      // A job may name only files the server granted, never a path.
      const forged = await call(server, 'POST', '/api/jobs', JSON.stringify({ fileIds: ['/etc/passwd'] }), { 'content-type': 'application/json' });
      expect(forged.status).toBe(400);
      // An upload named with a path lands as a plain name in its own folder.
      const uploaded = await call(server, 'POST', `/api/upload?name=${encodeURIComponent('../../evil.jsonl')}`, Buffer.from('{"ts":"2026-03-14T10:00:00Z","kind":"deploy","title":"x"}\n'));
      expect(uploaded.status).toBe(200);
      expect(json<{ name: string }>(uploaded).name).toBe('evil.jsonl');
      const [folder] = readdirSync(uploads);
      expect(readdirSync(join(uploads, folder))).toEqual(['evil.jsonl']);
    } finally {
      await call(server, 'POST', `/api/jobs/${running}/cancel`);
    }
  }, 120_000);
});
