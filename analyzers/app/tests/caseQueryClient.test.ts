import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseResult } from '../../case/caseResult';
import { CaseQueryClient } from '../node/caseQueryClient';
import type { QueryRequest, RenderRequest } from '../api/jobProtocol';

const CASE = { analyzedAt: '2026-11-25T00:00:00Z', inputs: [], failures: [], findings: [], views: {} } as CaseResult;

afterEach(() => vi.useRealTimers());

describe('CaseQueryClient', () => {
  it('a request that cannot be sent answers with the reason, leaves no timer behind, and the case travels again next time', async () => {
    vi.useFakeTimers();
    const sent: (QueryRequest | RenderRequest)[] = [];
    let broken = true;
    const kill = vi.fn();
    const client = new CaseQueryClient({
      send: (request) => {
        if (broken) throw new Error('spawn ENOENT');
        sent.push(request);
      },
      kill,
    });
    expect(await client.query('case-1', CASE, 'SELECT 1')).toEqual({ status: 'error', message: 'The request could not be sent to the query process: spawn ENOENT' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(kill).not.toHaveBeenCalled();

    broken = false;
    const answer = client.query('case-1', CASE, 'SELECT 1');
    expect(sent[0]).toMatchObject({ type: 'query', caseKey: 'case-1', result: CASE });
    client.receive({ type: 'query-answer', queryId: (sent[0] as QueryRequest).queryId, answer: { status: 'ok', columns: [], rows: [] } });
    expect(await answer).toMatchObject({ status: 'ok' });
  });

  it('a render that outlives its deadline ends the process and answers with an error naming the export', async () => {
    vi.useFakeTimers();
    const kill = vi.fn();
    const client = new CaseQueryClient({ send: () => undefined, kill }, 10_000, 30_000);
    const outcome = client.render('case-1', CASE, { format: 'case', content: 'report' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await outcome).toEqual({ status: 'error', message: 'Rendering the export took more than 30 s and was stopped.' });
    expect(kill).toHaveBeenCalledOnce();
  });

  it("a query's deadline runs from when the process starts the statement: a slow process start is not a runaway query", async () => {
    vi.useFakeTimers();
    const sent: QueryRequest[] = [];
    const kill = vi.fn();
    const client = new CaseQueryClient({ send: (request) => void sent.push(request as QueryRequest), kill }, 2_000, 30_000, 60_000);
    const slowStart = client.query('case-1', CASE, 'SELECT 1');
    // The process takes longer to start and load the case than the query may run.
    await vi.advanceTimersByTimeAsync(5_000);
    client.receive({ type: 'query-running', queryId: sent[0].queryId });
    client.receive({ type: 'query-answer', queryId: sent[0].queryId, answer: { status: 'ok', columns: [], rows: [] } });
    expect(await slowStart).toMatchObject({ status: 'ok' });
    expect(kill).not.toHaveBeenCalled();

    const runaway = client.query('case-1', CASE, 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n');
    await vi.advanceTimersByTimeAsync(5_000);
    client.receive({ type: 'query-running', queryId: sent[1].queryId });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await runaway).toEqual({ status: 'error', message: 'The query ran for more than 2 s and was stopped.' });
    expect(kill).toHaveBeenCalledOnce();
  });

  it('a query process that never starts the statement is stopped at the start deadline', async () => {
    vi.useFakeTimers();
    const kill = vi.fn();
    const client = new CaseQueryClient({ send: () => undefined, kill }, 2_000, 30_000, 60_000);
    const stuck = client.query('case-1', CASE, 'SELECT 1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await stuck).toEqual({ status: 'error', message: 'The query process did not start the query within 60 s and was stopped.' });
    expect(kill).toHaveBeenCalledOnce();
  });
});
