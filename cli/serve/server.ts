import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { JobEvent } from '../../analyzers/app/api/appApi';
import { FileRegistry } from '../../analyzers/app/node/fileRegistry';
import { checkFileIds } from '../../analyzers/app/api/requestShape';
import { parseCaseQueryRequest } from '../../analyzers/app/api/caseQuery';
import { parseExploreRequest } from '../../analyzers/app/api/heapQuery';
import { CONTENT_SECURITY_POLICY } from '../../analyzers/app/api/contentSecurityPolicy';
import { parseExportRequest } from '../../analyzers/app/api/parseExportRequest';
import type { CaseResult } from '../../analyzers/case/caseResult';
import { formatBytes } from '../../analyzers/core/byteFormat';
import { parseCaseOptions } from '../../analyzers/ingest/caseOptions';
import { AnalysisHost } from '../analysisHost';
import { renderedOrThrow, renderExportWith } from '../../analyzers/app/node/exportRendering';
import { htmlToPdf } from '../pdf';
import { checkAccess, TOKEN_COOKIE } from './accessGuard';
import { StartupJob } from './startupJob';


const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

const MAX_JSON_BODY = 1 << 20;
/** Past any real dump a browser would send (heap snapshots of a few GiB); a bigger upload is refused as it arrives. */
export const MAX_UPLOAD_BYTES = 32 * 2 ** 30;

export interface ServeOptions {
  files: string[];
  port?: number;
  rendererDir: string;
  maxUploadBytes?: number;
  /** Where uploads are kept (a fresh temporary folder by default); each is removed when the server closes. */
  uploadDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The browser mode: the same React UI as the desktop app, talking to this server instead of the
 * Electron preload. Listens on 127.0.0.1 only; everything, static files included, needs the token.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = randomBytes(24).toString('base64url');
  const files = new FileRegistry();
  const results = new Map<string, CaseResult>();
  const sseClients = new Set<ServerResponse>();
  const host = new AnalysisHost();
  // Queries and exports each get a process of their own (started on first use): stopping a runaway
  // query must end neither a running analysis nor an export being rendered, nor wait behind one.
  const queryHost = new AnalysisHost();
  const exportHost = new AnalysisHost();
  let uploadDir = options.uploadDir;
  // Uploads are copies a page sent for this session: a gigabyte snapshot kept in the temporary folder
  // after serve ends would pile up with every session.
  const uploadFolders = new Set<string>();
  const maxUpload = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const initial = await files.grantAll(options.files, process.cwd());

  // The command line's files are analyzed from the start (see StartupJob): once the address is printed,
  // as forking the analysis process holds this process for tens of milliseconds, or at the first
  // request if that comes sooner.
  let startup: StartupJob | undefined;
  let startupDue = initial.length > 0;
  const startStartupJob = () => {
    if (!startupDue) return;
    startupDue = false;
    startup = new StartupJob(host.start(initial.map((f) => files.pathOf(f.id) as string)), initial.map((f) => f.id));
  };

  host.onEvent((event: JobEvent) => {
    if (event.type === 'result') results.set(event.jobId, event.result);
    startup?.observe(event);
    const frame = eventFrame(event);
    for (const client of sseClients) client.write(frame);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: e instanceof Error ? e.message : String(e) });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const access = checkAccess(req, token, port);
    if (!access.allowed) {
      res.writeHead(access.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Forbidden: ${access.reason}\n`);
      return;
    }
    if (access.setCookie) {
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    startStartupJob();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;

    if (route === 'GET /api/files') return sendJson(res, 200, initial);
    if (route === 'POST /api/upload') {
      const name = sanitizeName(url.searchParams.get('name'));
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxUpload) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, { error: `${name} is larger than the ${formatBytes(maxUpload)} upload limit` });
      }
      if (uploadDir === undefined) uploadFolders.add((uploadDir = await mkdtemp(join(tmpdir(), 'aftermath-upload-'))));
      // One folder per upload keeps the user's file name intact for messages and reports.
      const folder = await mkdtemp(join(uploadDir, 'u-'));
      uploadFolders.add(folder);
      const path = join(folder, name);
      try {
        await pipeline(req, byteLimit(maxUpload, name), createWriteStream(path));
      } catch (e) {
        // A client gone mid-upload, or an upload past the limit: no half file stays on disk or in the registry.
        await rm(folder, { recursive: true, force: true });
        if (e instanceof UploadTooLarge) {
          res.setHeader('connection', 'close');
          return sendJson(res, 413, { error: e.message });
        }
        throw new Error(`the upload of ${name} broke off: ${e instanceof Error ? e.message : String(e)}`);
      }
      return sendJson(res, 200, await files.grant(path, name));
    }
    if (route === 'POST /api/jobs') {
      const body = await readJson(req);
      const ids = checkFileIds(body?.fileIds, (id) => files.has(id));
      if ('error' in ids) return sendJson(res, 400, { error: ids.error });
      const parsedOptions = parseCaseOptions(body?.options);
      if ('error' in parsedOptions) return sendJson(res, 400, { error: parsedOptions.error });
      const baseline = body?.baselineFileIds === undefined ? { value: [] } : checkFileIds(body.baselineFileIds, (id) => files.has(id));
      if ('error' in baseline) return sendJson(res, 400, { error: `baseline: ${baseline.error}` });
      const adopted = startup?.adopt(ids.value, parsedOptions.options, baseline.value);
      if (adopted) return sendJson(res, 200, { jobId: adopted });
      startup?.supersede();
      const pathsOf = (list: string[]) => list.map((id) => files.pathOf(id) as string);
      return sendJson(res, 200, { jobId: host.start(pathsOf(ids.value), parsedOptions.options, baseline.value.length ? pathsOf(baseline.value) : undefined) });
    }
    const cancel = /^POST \/api\/jobs\/([\w-]+)\/cancel$/.exec(route);
    if (cancel) {
      host.cancel(cancel[1]);
      return sendJson(res, 200, {});
    }
    if (route === 'GET /api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      const missed = startup?.missed();
      if (missed) res.write(eventFrame(missed));
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (route === 'POST /api/export') {
      const parsed = parseExportRequest(await readJson(req));
      if ('error' in parsed) return sendJson(res, 400, { error: parsed.error });
      const { request } = parsed;
      const result = results.get(request.jobId);
      if (!result) return sendJson(res, 400, { error: `unknown job '${request.jobId}'` });
      // Rendered in the export process (a case file is a sql.js database); PDF printed here by Chromium.
      const rendered = await renderExportWith(request, {
        document: (r) => exportHost.render(request.jobId, result, r).then(renderedOrThrow),
        printPdf: (html) => htmlToPdf(html),
      });
      res.writeHead(200, {
        'content-type': rendered.mime,
        'content-disposition': `attachment; filename="${rendered.fileName}"`,
      });
      res.end(rendered.data);
      return;
    }
    if (route === 'POST /api/query') {
      const parsed = parseCaseQueryRequest(await readJson(req));
      if ('error' in parsed) return sendJson(res, 400, { error: parsed.error });
      const result = results.get(parsed.request.jobId);
      if (!result) return sendJson(res, 400, { error: `unknown job '${parsed.request.jobId}'` });
      return sendJson(res, 200, await queryHost.query(parsed.request.jobId, result, parsed.request.sql));
    }
    if (route === 'POST /api/explore') {
      const parsed = parseExploreRequest(await readJson(req));
      if ('error' in parsed) return sendJson(res, 400, { error: parsed.error });
      if (!results.has(parsed.value.jobId)) return sendJson(res, 400, { error: `unknown job '${parsed.value.jobId}'` });
      // The analysis process answers: it keeps the graphs of the case it analyzed last.
      return sendJson(res, 200, await host.explore(parsed.value.jobId, parsed.value.query));
    }
    const release = /^POST \/api\/jobs\/([\w-]+)\/release$/.exec(route);
    if (release) {
      if (release[1] === startup?.jobId) startup.supersede();
      host.release(release[1]);
      return sendJson(res, 200, {});
    }
    if (req.method === 'GET' && !url.pathname.startsWith('/api/')) return serveStatic(url.pathname, res);
    sendJson(res, 404, { error: 'not found' });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const root = resolve(options.rendererDir);
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const path = normalize(join(root, rel));
    if (path !== root && !path.startsWith(root + sep)) return sendJson(res, 403, { error: 'outside the UI folder' });
    let data: Buffer;
    try {
      // A symlink inside the folder may lead out of it: what is served is where the link really points.
      const real = await realpath(path);
      const realRoot = await realpath(root);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) return sendJson(res, 403, { error: 'outside the UI folder' });
      data = await readFile(real);
    } catch {
      return sendJson(res, 404, { error: 'not found' });
    }
    res.writeHead(200, {
      'content-type': MIME[extname(path)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
    });
    res.end(data);
  }

  let port = options.port ?? 0;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;
  setImmediate(startStartupJob);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      startupDue = false;
      for (const c of sseClients) c.end();
      host.dispose();
      queryHost.dispose();
      exportHost.dispose();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      // close() waits for open connections to end on their own: an upload half sent or a request
      // whose answer will not come (its process is gone) would keep serve alive after Ctrl+C.
      server.closeAllConnections();
      await closed;
      // The analysis processes are gone and no request is left: nothing reads an upload any more.
      await Promise.all([...uploadFolders].map((f) => rm(f, { recursive: true, force: true })));
    },
  };
}

const eventFrame = (event: JobEvent) => `data: ${JSON.stringify(event)}\n\n`;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) return undefined;
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}



class UploadTooLarge extends Error {}

/** Passes an upload through, failing it as soon as it passes `max` bytes (a missing or false Content-Length is not trusted). */
function byteLimit(max: number, name: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) done(new UploadTooLarge(`${name} is larger than the ${formatBytes(max)} upload limit`));
      else done(null, chunk);
    },
  });
}

/** Upload names come from the browser: keep a plain file name, never a path. */
function sanitizeName(name: string | null): string {
  const base = basename(name ?? 'upload').replace(/[^\w.-]+/g, '_').slice(0, 120);
  return base || 'upload';
}
