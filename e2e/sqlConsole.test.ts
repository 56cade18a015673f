import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { severityRank } from '../analyzers/core/finding';
import type { CaseResult } from '../analyzers/case/caseResult';
import { runCase } from '../analyzers/pipeline/runCase';
import { launchChromium } from './browser';
import { ROOT, startServe, type ServeProcess } from './serveProcess';

const FILES = [
  ...['game-1-baseline', 'game-2-target', 'game-3-final'].map((name) => join(ROOT, 'samples', 'heap', `${name}.heapsnapshot.gz`)),
  join(ROOT, 'samples', 'alloc', 'fixtures', 'lsan_leaky.txt'),
];
const RESULT = '[aria-label="Query result"]';
const ARTIFACTS = join(ROOT, 'test-artifacts');

/** The text of each cell of the result table's first `count` rows, in the order shown. */
async function resultRows(page: Page, count: number): Promise<string[][]> {
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    rows.push(await page.locator(`${RESULT} [role="row"][data-index="${i}"] [role="gridcell"]`).allTextContents());
  }
  return rows;
}

async function run(page: Page, sql: string): Promise<void> {
  await page.getByLabel('SQL query').fill(sql);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

describe('browser UI end to end: the SQL console over the case tables', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let expected: CaseResult;

  beforeAll(async () => {
    browser = await launchChromium();
    serve = await startServe(FILES);
    expected = await runCase(FILES, { onProgress: () => {}, signal: new AbortController().signal });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  /** A page of its own on the case, its SQL tab open; page errors collected. */
  async function openSqlTab(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.url);
    const sqlTab = page.getByRole('tab', { name: 'SQL', exact: true });
    await sqlTab.waitFor({ timeout: 120_000 });
    await sqlTab.click();
    return { page, errors };
  }

  it('runs the examples, refuses writes, names SQL errors, and lists the tables', async () => {
    const { page, errors } = await openSqlTab();

    // The table list comes from sqlite_master through the same API.
    const tables = page.getByRole('complementary', { name: 'Tables' });
    await expect.poll(async () => tables.textContent(), { timeout: 30_000 }).toMatch(/evidence_pathsfinding_ord, ord, label/);

    // Findings worst first, in the analyzer's order.
    await page.getByRole('button', { name: 'Findings by severity' }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const worstFirst = [...expected.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    expect(worstFirst.length).toBeGreaterThan(3);
    await page.locator(`${RESULT} [role="row"][data-index]`).first().waitFor();
    expect(await page.getByRole('status').filter({ hasText: /rows?$/ }).textContent()).toBe(`${worstFirst.length} rows`);
    expect(await resultRows(page, 3)).toEqual(worstFirst.slice(0, 3).map((f, i) => [String(i + 1), f.severity, f.title, f.analysis, f.category]));

    // The leak clusters out of the heap view's JSON, with Ctrl+Enter from the editor.
    await page.getByRole('button', { name: 'Leak clusters from the heap view via json_extract' }).click();
    await page.getByLabel('SQL query').press('Control+Enter');
    const clusters = expected.views.heap?.leaks?.clusters ?? [];
    expect(clusters.length).toBeGreaterThan(0);
    await expect.poll(async () => page.locator(`${RESULT} [role="columnheader"]`).allTextContents()).toEqual(['# ▲', 'class_name', 'count', 'objects', 'retained_bytes', 'retainer_path']);
    expect((await resultRows(page, 1))[0].slice(1, 3)).toEqual([clusters[0].className, String(clusters[0].count)]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-sql-console.png'), fullPage: true });

    // Writes are refused, the case is unchanged, and SQL errors name the problem.
    await run(page, 'DELETE FROM findings');
    await expect.poll(async () => page.getByRole('alert').textContent()).toMatch(/DELETE statements are refused: the console is read-only/);
    await run(page, "WITH doomed AS (SELECT 1) DELETE FROM findings");
    await expect.poll(async () => page.getByRole('alert').textContent()).toMatch(/attempt to write a readonly database/);
    await run(page, 'SELECT * FROM findings; DROP TABLE evidence');
    await expect.poll(async () => page.getByRole('alert').textContent()).toMatch(/One statement at a time/);
    await run(page, 'SELECT title FROM findingz');
    await expect.poll(async () => page.getByRole('alert').textContent()).toBe('SQLite: no such table: findingz');
    await run(page, 'SELECT count(*) AS n FROM findings');
    await expect.poll(async () => resultRows(page, 1)).toEqual([['1', String(expected.findings.length)]]);

    // A cross join matches more rows than the console returns, and says so.
    await run(page, 'SELECT a.ord, b.ord, c.ord FROM evidence a, evidence b, evidence c');
    await expect.poll(async () => page.getByRole('status').filter({ hasText: /rows/ }).textContent()).toBe('Showing the first 5,000 rows: more rows matched. Narrow the query or add a LIMIT.');

    // The HTTP route checks its body before any SQL runs.
    const answers = await page.evaluate(async () => {
      const post = async (body: unknown) => {
        const res = await fetch('/api/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return `${res.status} ${await res.text()}`;
      };
      return [
        await post({ jobId: 'job-made-up', sql: 'SELECT 1' }),
        await post({ jobId: 'job-made-up', sql: 'x'.repeat(10_001) }),
        await post({ jobId: 'job-made-up', sql: 42 }),
        await post({ jobId: 'job-made-up', sql: 'SELECT 1', path: '/etc/passwd' }),
      ];
    });
    expect(answers).toEqual([
      `400 {"error":"unknown job 'job-made-up'"}`,
      '400 {"error":"sql is 10,001 characters; at most 10,000 are accepted"}',
      '400 {"error":"sql must be a string"}',
      `400 {"error":"query request has an unknown field 'path'"}`,
    ]);
    expect(errors).toEqual([]);
  }, 300_000);

  it('keeps a typed query across a re-analysis', async () => {
    const { page, errors } = await openSqlTab();
    const typed = "SELECT title FROM findings WHERE severity = 'high';";
    const editor = page.getByLabel('SQL query');
    await editor.fill(typed);

    // From another tab, new options re-analyze the case: the new result mounts its panels afresh (the
    // SQL console's among them), and the console comes back with what was typed.
    await page.getByRole('tab', { name: /^Report/ }).click();
    await page.locator('summary', { hasText: 'Analysis options' }).click();
    await page.getByLabel('P99 ms').fill('2500');
    await page.getByRole('button', { name: 'Apply and re-analyze' }).click();
    await page.getByRole('group', { name: 'Analyzing' }).waitFor({ timeout: 60_000 });
    await page.getByRole('group', { name: 'Analyzing' }).waitFor({ state: 'detached', timeout: 180_000 });
    await page.getByRole('tab', { name: 'SQL', exact: true }).click();
    await editor.waitFor({ timeout: 60_000 });
    expect(await editor.inputValue()).toBe(typed);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
