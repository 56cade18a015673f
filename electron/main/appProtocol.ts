import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../cli/serve/server';
import { APP_HOST, APP_SCHEME } from './appOrigin';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins and relative URLs,
 * `secure` makes it a secure context; no `bypassCSP`, so the CSP applies to it like to https.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

/**
 * The file under `rendererDir` that an app:// URL names, or undefined for another host or a path
 * that leaves the folder (`..`, encoded or not).
 */
export function rendererFileFor(url: string, rendererDir: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  if (rel.includes('\0')) return undefined;
  const root = resolve(rendererDir);
  const path = normalize(join(root, rel || 'index.html'));
  return path.startsWith(root + sep) ? path : undefined;
}

/** Serves out/renderer on app://aftermath/, with the CSP as a header as well as the page's meta tag. */
export function serveRenderer(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const path = rendererFileFor(request.url, rendererDir);
    if (!path) return new Response('not found', { status: 404 });
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch {
      return new Response('not found', { status: 404 });
    }
    return new Response(new Uint8Array(data), {
      headers: {
        'content-type': MIME[extname(path)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
