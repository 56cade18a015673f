import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../analyzers/app/api/contentSecurityPolicy';
import { APP_HOST, APP_SCHEME } from './appOrigin';

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

/**
 * Serves out/renderer on app://aftermath/, with the CSP as a header as well as the page's meta tag.
 * Chromium's file loader supplies the MIME type (module scripts need text/javascript).
 */
export function serveRenderer(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const path = rendererFileFor(request.url, rendererDir);
    if (!path) return new Response('not found', { status: 404 });
    const file = await net.fetch(pathToFileURL(path).href).catch(() => undefined);
    if (!file?.ok) return new Response('not found', { status: 404 });
    const headers = new Headers(file.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(file.body, { status: 200, headers });
  });
}
