// The HTTP API of `aftermath serve` as the tests of the server call it (a browser tab's requests and event stream).
import { request } from 'node:http';
import { expect } from 'vitest';
import type { JobEvent } from '../../analyzers/app/api/appApi';
import type { CaseOptions } from '../../analyzers/ingest/caseOptions';
import type { RunningServer } from './server';

export interface Answer {
  status: number;
  body: string;
}

export function call(server: RunningServer, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`http://127.0.0.1:${server.port}${path}`, { method, headers: { 'x-aftermath-token': server.token, ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const json = <T>(a: Answer) => JSON.parse(a.body) as T;

/** The server's job events, as a browser tab's EventSource gets them. */
export function events(server: RunningServer): { all: JobEvent[]; until(jobId: string): Promise<JobEvent>; close(): void } {
  const all: JobEvent[] = [];
  const waiting: { jobId: string; resolve: (e: JobEvent) => void }[] = [];
  let buffer = '';
  const req = request(`http://127.0.0.1:${server.port}/api/events`, { headers: { 'x-aftermath-token': server.token } }, (res) => {
    res.on('data', (d: Buffer) => {
      buffer += d.toString();
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.startsWith('data: ')) continue;
        const event = JSON.parse(frame.slice(6)) as JobEvent;
        all.push(event);
        if (event.type !== 'progress') for (const w of waiting.filter((x) => x.jobId === event.jobId)) w.resolve(event);
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return {
    all,
    until: (jobId) =>
      new Promise((resolve) => {
        const done = all.find((e) => e.jobId === jobId && e.type !== 'progress');
        if (done) resolve(done);
        else waiting.push({ jobId, resolve });
      }),
    close: () => req.destroy(),
  };
}

export async function startJob(server: RunningServer, fileIds: string[], options?: CaseOptions): Promise<string> {
  const answer = await call(server, 'POST', '/api/jobs', JSON.stringify({ fileIds, options }), { 'content-type': 'application/json' });
  expect(answer.status).toBe(200);
  return json<{ jobId: string }>(answer).jobId;
}
