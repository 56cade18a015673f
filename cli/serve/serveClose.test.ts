/**
 * Stopping `aftermath serve` (Ctrl+C, SIGTERM) ends it while a page still holds connections: its
 * event stream, an upload half sent, a request in flight. server.close() alone waits for every
 * open connection to end on its own: serve then stayed alive, idle, for minutes after a SIGTERM.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from './server';
import { call, events, json } from './serveTestClient';

const EVENTS = join(__dirname, '../../samples/incidents/memory-leak/events.jsonl');

describe('aftermath serve stops with connections open', () => {
  it('closes with a page\'s event stream and a half-sent upload still open, and keeps no upload, finished or not', async () => {
    const renderer = mkdtempSync(join(tmpdir(), 'aftermath-ui-'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Aftermath</title>');
    const uploads = mkdtempSync(join(tmpdir(), 'aftermath-uploads-'));
    const server = await startServer({ files: [EVENTS], rendererDir: renderer, uploadDir: uploads });
    const tab = events(server);
    const finished = await call(server, 'POST', '/api/upload?name=events.jsonl', readFileSync(EVENTS));
    expect(finished.status).toBe(200);
    expect(json<{ name: string }>(finished).name).toBe('events.jsonl');
    const socket = connect(server.port, '127.0.0.1');
    // Closing ends the half-sent upload; its unread bytes make the kernel reset the connection, and the
    // ECONNRESET this side then reads (on a loaded machine, before socket.destroy()) is that close's doing.
    socket.on('error', () => {});
    await new Promise((r) => socket.once('connect', r));
    socket.write(`POST /api/upload?name=big.heapsnapshot HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nx-aftermath-token: ${server.token}\r\ncontent-length: 3000000\r\n\r\n`);
    socket.write(Buffer.alloc(100_000, 0x41));
    for (let i = 0; i < 200 && readdirSync(uploads).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(uploads).length).toBe(2);

    // A hang, not a speed: the close either ends or it does not (10 s is far beyond any close).
    const ended = await Promise.race([server.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open after 10 s'), 10_000))]);
    expect(ended).toBe('closed');
    for (let i = 0; i < 200 && readdirSync(uploads).length > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(uploads)).toEqual([]);
    tab.close();
    socket.destroy();
  }, 60_000);
});
