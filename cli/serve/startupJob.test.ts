/**
 * `aftermath serve <files>` analyzes its files from its start: a page that connects finds the job under
 * way or done, and asking for those files gets that job, not a second analysis. No timing assertions.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server';
import { call, events, json, startJob } from './serveTestClient';

const METRICS = join(__dirname, '../../samples/incidents/memory-leak/game-1-metrics.csv');
const EVENTS = join(__dirname, '../../samples/incidents/memory-leak/events.jsonl');

describe('aftermath serve with files on its command line', () => {
  let server: RunningServer;
  let fileIds: string[];

  beforeAll(async () => {
    const renderer = mkdtempSync(join(tmpdir(), 'aftermath-ui-'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Aftermath</title>');
    server = await startServer({ files: [METRICS, EVENTS], rendererDir: renderer });
    fileIds = json<{ id: string }[]>(await call(server, 'GET', '/api/files')).map((f) => f.id);
  }, 60_000);

  afterAll(() => server?.close());

  it('has analyzed them before any page asks, and a page asking for them gets that job and its result', async () => {
    // A page opened now, before asking for anything: the job's end comes on its event stream.
    const early = events(server);
    for (let i = 0; i < 1200 && !early.all.some((e) => e.type === 'result'); i++) await new Promise((r) => setTimeout(r, 50));
    const ended = early.all.find((e) => e.type === 'result');
    early.close();
    expect(ended?.type === 'result' && ended.result.inputs.map((i) => i.file)).toEqual(['game-1-metrics.csv', 'events.jsonl']);

    // A page opened after the end is sent it on connecting, and asking for the same files adopts the job.
    const late = events(server);
    try {
      const jobId = await startJob(server, fileIds);
      expect(jobId).toBe(ended?.jobId);
      expect((await late.until(jobId)).type).toBe('result');
      expect(late.all.filter((e) => e.jobId === jobId).map((e) => e.type)).toEqual(['result']);
      // The case is there for the SQL console as for any job's.
      const query = await call(server, 'POST', '/api/query', JSON.stringify({ jobId, sql: 'SELECT count(*) AS n FROM inputs' }), { 'content-type': 'application/json' });
      expect(json<{ status: string; rows: unknown[][] }>(query)).toMatchObject({ status: 'ok', rows: [[2]] });
    } finally {
      late.close();
    }
  }, 120_000);

  it('other options, or another job since, make a job of their own', async () => {
    const startupJob = await startJob(server, fileIds);
    const stream = events(server);
    try {
      const withOptions = await startJob(server, fileIds, { anchorDate: '2026-03-14' });
      expect(withOptions).not.toBe(startupJob);
      expect((await stream.until(withOptions)).type).toBe('result');
      // The analysis process now keeps the other job's case: the same files as at the start are analyzed again.
      const again = await startJob(server, fileIds);
      expect([startupJob, withOptions]).not.toContain(again);
      expect((await stream.until(again)).type).toBe('result');
    } finally {
      stream.close();
    }
  }, 120_000);
});
