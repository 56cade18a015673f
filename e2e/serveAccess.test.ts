import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from './serveProcess';

/** A raw request, so that the Host and Origin headers are exactly what an attacker would send. */
function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('aftermath serve refuses what a foreign web page could send', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe([]);
  });
  afterAll(() => serve.stop());

  it('serves the UI with the token', async () => {
    expect(await get(serve.url)).toBe(200);
  });

  it('refuses a request without the token, for the page and the API', async () => {
    expect(await get(`${serve.origin}/`)).toBe(403);
    expect(await get(`${serve.origin}/api/files`)).toBe(403);
  });

  it('refuses a wrong token', async () => {
    expect(await get(`${serve.origin}/?token=nope`)).toBe(403);
    expect(await get(`${serve.origin}/api/files`, { 'x-aftermath-token': `${serve.token}x` })).toBe(403);
  });

  it('refuses the right token with a foreign Host (DNS rebinding) or Origin', async () => {
    expect(await get(`${serve.origin}/api/files`, { 'x-aftermath-token': serve.token })).toBe(200);
    expect(await get(`${serve.origin}/api/files`, { 'x-aftermath-token': serve.token, host: 'evil.example:80' })).toBe(403);
    expect(await get(`${serve.origin}/api/files`, { 'x-aftermath-token': serve.token, origin: 'http://evil.example' })).toBe(403);
  });
});
