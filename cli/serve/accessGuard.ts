import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'aftermath_token';

export type AccessDecision = { allowed: true; setCookie: boolean } | { allowed: false; status: 403; reason: string };

/**
 * Decides whether a request may reach the UI or the API. Another web page open in the user's
 * browser can send requests to 127.0.0.1 (and DNS rebinding can even make them same-origin by name),
 * so every request must carry the token, name our own host, and come from our own origin if any.
 */
export function checkAccess(req: IncomingMessage, token: string, port: number): AccessDecision {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = req.headers.host ?? '';
  if (!allowedHosts.includes(host)) return deny(`foreign Host header '${host}'`);
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return deny(`foreign Origin '${origin}'`);
  }
  const fromQuery = new URL(req.url ?? '/', `http://${host}`).searchParams.get('token');
  if (fromQuery !== null) {
    return sameSecret(fromQuery, token) ? { allowed: true, setCookie: true } : deny('wrong token');
  }
  const fromHeader = req.headers['x-aftermath-token'];
  const presented = typeof fromHeader === 'string' ? fromHeader : readCookie(req.headers.cookie, TOKEN_COOKIE);
  if (presented === undefined) return deny('missing token');
  return sameSecret(presented, token) ? { allowed: true, setCookie: false } : deny('wrong token');
}

function deny(reason: string): AccessDecision {
  return { allowed: false, status: 403, reason };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
