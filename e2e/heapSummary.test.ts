import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupDigits } from '../analyzers/core/numberFormat';
import { runCase } from '../analyzers/pipeline/runCase';
import { launchChromium } from './browser';
import { ROOT, startServe, type ServeProcess } from './serveProcess';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const HEAP_SAMPLES = join(ROOT, 'samples', 'heap');

function firstSnapshot(): string {
  const name = readdirSync(HEAP_SAMPLES)
    .filter((f) => /\.heapsnapshot(\.gz)?$/.test(f))
    .sort()[0];
  if (!name) throw new Error(`no .heapsnapshot in ${HEAP_SAMPLES}`);
  return join(HEAP_SAMPLES, name);
}

async function tableRowNames(page: Page, count: number): Promise<string[]> {
  const rows = page.locator('[aria-label="Summary by constructor"] [role="row"][data-index]');
  await rows.first().waitFor({ timeout: 120_000 });
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    names.push((await page.locator(`[aria-label="Summary by constructor"] [role="row"][data-index="${i}"] [role="gridcell"]`).first().textContent()) ?? '');
  }
  return names;
}

describe('browser UI end to end: open a real heap snapshot', () => {
  let browser: Browser;
  let serve: ServeProcess;
  const snapshot = firstSnapshot();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    serve = await startServe([snapshot]);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('shows the summary by constructor that the analyzer computes, largest retained first, and exports it', async () => {
    const expected = await runCase([snapshot], { onProgress: () => {}, signal: new AbortController().signal });
    const constructors = expected.views.heap?.snapshots[0]?.constructors ?? [];
    expect(constructors.length).toBeGreaterThan(10);
    const top = [...constructors].sort((a, b) => (b.retainedBytes ?? 0) - (a.retainedBytes ?? 0)).slice(0, 5).map((c) => c.name);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.url);
    await page.getByRole('tab', { name: 'Heap', exact: true }).click();
    expect(await tableRowNames(page, 5)).toEqual(top);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-heap-summary.png'), fullPage: true });

    // Sorting by count puts the most numerous constructor first.
    await page.getByRole('columnheader', { name: /Count/ }).click();
    const byCount = [...constructors].sort((a, b) => b.count - a.count)[0];
    expect((await tableRowNames(page, 1))[0]).toBe(byCount.name);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download summary/ }).click()]);
    const markdown = readFileSync(await download.path(), 'utf8');
    writeFileSync(join(ARTIFACTS, 'e2e-heap-summary.md'), markdown);
    expect(markdown).toContain('| Constructor | Count |');
    expect(markdown).toContain(`| ${groupDigits(constructors.find((c) => c.name === top[0])?.count ?? -1)} |`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names the file and the problem when a dropped file is not an input it understands', async () => {
    const page = await browser.newPage();
    await page.goto(serve.url);
    await page.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, not a dump\n') });
    await expect.poll(async () => page.getByRole('alert').first().textContent(), { timeout: 120_000 }).toContain('notes.txt');
    expect(await page.getByRole('alert').first().textContent()).toMatch(/not a recognised input/);
    await page.close();
  });
});

describe('browser UI end to end: the summary of a set of snapshots', () => {
  let browser: Browser;
  let serve: ServeProcess;
  const set = ['game-1-baseline', 'game-2-target', 'game-3-final'].map((n) => join(HEAP_SAMPLES, `${n}.heapsnapshot.gz`));

  beforeAll(async () => {
    browser = await launchChromium();
    serve = await startServe(set);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('opens on the last snapshot, with retained sizes; an earlier one shows its counts and says why it has none', async () => {
    const expected = await runCase(set, { onProgress: () => {}, signal: new AbortController().signal });
    const snapshots = expected.views.heap?.snapshots ?? [];
    expect(snapshots.map((s) => s.constructors[0]?.retainedBytes !== undefined)).toEqual([false, false, true]);
    const byRetained = [...snapshots[2].constructors].sort((a, b) => (b.retainedBytes ?? 0) - (a.retainedBytes ?? 0)).slice(0, 3).map((c) => c.name);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.url);
    await page.getByRole('tab', { name: 'Heap', exact: true }).click();
    const summary = page.getByRole('region', { name: 'Heap summary' });
    expect(await summary.getByLabel('Snapshot').inputValue()).toBe('2');
    expect(await tableRowNames(page, 3)).toEqual(byRetained);
    await summary.getByLabel('Snapshot').selectOption({ label: 'game-1-baseline.heapsnapshot.gz' });
    await expect.poll(() => summary.getByText(/No retained sizes here/).count()).toBe(1);
    const byShallow = snapshots[0].constructors.slice(0, 3).map((c) => c.name);
    expect(await tableRowNames(page, 3)).toEqual(byShallow);
    const retainedCell = summary.locator('[role="row"][data-index="0"] [role="gridcell"]').nth(3);
    expect(await retainedCell.textContent()).toBe('—');
    expect(errors).toEqual([]);
    await page.close();
  });
});
