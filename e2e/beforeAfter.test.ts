import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { ROOT, startServe, type ServeProcess } from './serveProcess';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'before-after');
const LOAD = join(ROOT, 'samples', 'loadtest', 'fixtures');
const GATE = join(ROOT, 'samples', 'gate', 'fixtures');
const HEAP = join(ROOT, 'samples', 'heap');
const runs = (dir: string) => [1, 2, 3].flatMap((n) => [join(dir, `wrk_${n}.txt`), join(dir, `lock_stats_${n}.json`)]);
const memory = (dir: string) => ['lsan.txt', 'valgrind.xml', 'heaptrack.txt', 'events_1.jsonl.gz', 'events_2.jsonl.gz', 'events_3.jsonl.gz'].map((f) => join(dir, f));

/**
 * Baseline: the sharded inventory server's wrk runs and lock statistics, the repaired player manager
 * under every leak tool, the repaired game server's snapshots. Candidate: the server whose throughput
 * collapsed (requests signed before they lock), the leaky player manager and game server.
 */
const BASELINE = [...runs(join(LOAD, 'baseline')), ...memory(join(GATE, 'baseline')), join(GATE, 'baseline', 'game-fixed-1-baseline.heapsnapshot.gz'), join(GATE, 'baseline', 'game-fixed-3-final.heapsnapshot.gz')];
const CANDIDATE = [...runs(join(LOAD, 'candidate-cpu')), ...memory(join(GATE, 'candidate')), join(HEAP, 'game-1-baseline.heapsnapshot.gz'), join(HEAP, 'game-3-final.heapsnapshot.gz')];

async function analyzed(page: Page): Promise<void> {
  await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 180_000 });
  await page.getByRole('group', { name: 'Analyzing' }).waitFor({ state: 'detached', timeout: 180_000 });
}

describe('before/after in Chromium (aftermath serve): files marked as the baseline, the case compared with them per capability', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    serve = await startServe([...BASELINE, ...CANDIDATE]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.url);
    await analyzed(page);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('has no Before/after tab until files are marked as the baseline', async () => {
    await expect(page.getByRole('tab', { name: 'Before/after' }).count()).resolves.toBe(0);
  });

  it('marking the baseline files compares the case with them: a section per capability with each figure, its change and verdict', async () => {
    const files = page.getByRole('list', { name: 'Files in this case' }).locator('li');
    expect(await files.count()).toBe(BASELINE.length + CANDIDATE.length);
    for (let i = 0; i < BASELINE.length; i++) await files.nth(i).getByRole('checkbox').check();
    await page.getByRole('tab', { name: 'Before/after' }).waitFor({ timeout: 300_000 });
    await analyzed(page);
    await page.getByRole('tab', { name: 'Before/after' }).click();
    await expect(page.getByText(/^FAIL/).count()).resolves.toBeGreaterThan(0);
    for (const title of ['Load test', 'Locks', 'Allocations', 'Heap']) {
      await expect(page.getByRole('region', { name: `${title}: before and after` }).count()).resolves.toBe(1);
    }
    const row = (section: string, label: RegExp) => page.getByRole('region', { name: `${section}: before and after` }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) });
    // Throughput collapsed: the locks' wait per acquisition fell, and the view does not call it improved.
    const lockTotal = row('Locks', /^total lock wait per lock acquisition$/);
    await expect(lockTotal.getByRole('cell').nth(4).textContent()).resolves.toBe('not comparable');
    await expect(lockTotal.getByRole('cell').nth(5).textContent()).resolves.toMatch(/fell by \d+\.\d %.*less load alone makes it fall/);
    await expect(row('Load test', /^wrk successful requests\/s at 128 connections$/).getByRole('cell').nth(4).textContent()).resolves.toBe('REGRESSED');
    // A leak site new in the candidate, and the leaked class by its objects.
    const newSite = row('Allocations', /^lsan: bytes reported as leaked at .*addPlayer/).first();
    await expect(newSite.getByRole('cell').nth(0).textContent()).resolves.toBe('0 B');
    await expect(newSite.getByRole('cell').nth(2).textContent()).resolves.toBe('new');
    await expect(newSite.getByRole('cell').nth(4).textContent()).resolves.toBe('REGRESSED');
    const players = row('Heap', /^Player: objects in the last snapshot$/);
    await expect(players.getByRole('cell').nth(4).textContent()).resolves.toBe('REGRESSED');
    await page.screenshot({ path: join(ARTIFACTS, 'before-after.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('unmarking the baseline analyzes every file as one case again, without the tab', async () => {
    const files = page.getByRole('list', { name: 'Files in this case' }).locator('li');
    for (let i = 0; i < BASELINE.length; i++) await files.nth(i).getByRole('checkbox').uncheck();
    await page.getByRole('tab', { name: 'Before/after' }).waitFor({ state: 'detached', timeout: 300_000 });
    await analyzed(page);
    expect(errors).toEqual([]);
  });
});
