import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { ROOT, startServe, type ServeProcess } from './serveProcess';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'flame-graphs');
const LOCKS = join(ROOT, 'samples', 'locks', 'fixtures');
const ALLOC = join(ROOT, 'samples', 'alloc', 'fixtures');

/** The lock fix (coarse → sharded perf script captures) and the leak fix (LSan leaky → fixed): two before/after pairs. */
const FILES = [join(LOCKS, 'perf_script_coarse.txt.gz'), join(LOCKS, 'perf_script_sharded.txt.gz'), join(ALLOC, 'lsan_leaky.txt'), join(ALLOC, 'lsan_fixed.txt')];

const rowCount = async (grid: Locator): Promise<number> => Number(await grid.getAttribute('aria-rowcount')) - 1;

describe('flame graphs in Chromium (aftermath serve): icicles of lock wait and leaked bytes, click or Enter to filter the tables', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    serve = await startServe(FILES);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.url);
    await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 180_000 });
    await page.getByRole('group', { name: 'Analyzing' }).waitFor({ state: 'detached', timeout: 180_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('locks: the icicle shows worker over its three operations; a click on transferItem filters the callers and the threads to it, and the chip clears it', async () => {
    await page.getByRole('tab', { name: 'Locks', exact: true }).click();
    const icicle = page.getByRole('tree', { name: 'Lock wait by stack' });
    await icicle.waitFor();
    const callers = page.getByRole('grid', { name: 'Callers' });
    const allCallers = await rowCount(callers);
    expect(allCallers).toBeGreaterThan(1);
    // Width by value: worker holds nearly all the wait, transferItem the biggest share of it.
    const worker = icicle.getByRole('treeitem', { name: /^worker: / });
    const transfer = icicle.getByRole('treeitem', { name: /^transferItem: / });
    const [workerBox, transferBox, addBox] = await Promise.all([worker.boundingBox(), transfer.boundingBox(), icicle.getByRole('treeitem', { name: /^addItem: / }).boundingBox()]);
    expect(transferBox!.width).toBeGreaterThan(addBox!.width);
    expect(workerBox!.width).toBeGreaterThan(transferBox!.width + addBox!.width);
    expect(transferBox!.y).toBeGreaterThan(workerBox!.y);
    await transfer.hover();
    const detail = (await page.getByRole('tabpanel').locator('.icicle-detail').textContent()) ?? '';
    expect(detail).toMatch(/^transferItem — .+ \(\d+\.\d % of all\)$/);
    const transferWait = /^transferItem — (.+) \(/.exec(detail)?.[1];
    const tables = page.getByRole('tablist', { name: 'Lock tables' });
    const threadsTab = tables.getByRole('tab', { name: /^Threads/ });
    const allThreads = Number(/\((\d+)\)/.exec((await threadsTab.textContent()) ?? '')?.[1]);

    await transfer.click();
    const chip = page.getByRole('status').filter({ hasText: 'filtered by frame' });
    await expect(chip.textContent()).resolves.toMatch(/^Callers, locks and threads filtered by frame transferItem/);
    // The threads that waited in transferItem (every worker; not the main thread), each with its wait there only:
    // together, the frame's wait.
    await threadsTab.click();
    const threads = page.getByRole('region', { name: 'Threads' });
    await expect.poll(() => threadsTab.textContent()).toBe(`Threads (${allThreads - 1})`);
    await expect(threads.locator('h3').textContent()).resolves.toBe(`Threads (${allThreads - 1}, ${transferWait} in all)`);
    await expect(page.getByText("Each thread's lock wait within transferItem only.").count()).resolves.toBe(1);
    await threads.screenshot({ path: join(ARTIFACTS, 'locks-threads-filtered.png') });
    await tables.getByRole('tab', { name: /^Callers/ }).click();
    await expect.poll(() => rowCount(callers)).toBe(1);
    await expect(callers.getByRole('row').nth(1).textContent()).resolves.toMatch(/^transferItem/);
    // Zoomed: the clicked frame now spans the icicle's width.
    const zoomed = await transfer.boundingBox();
    expect(zoomed!.width).toBeGreaterThan(workerBox!.width * 0.95);
    await page.screenshot({ path: join(ARTIFACTS, 'locks-filtered.png'), fullPage: true });

    await chip.getByRole('button', { name: /^Clear the filter/ }).click();
    await expect.poll(() => rowCount(callers)).toBe(allCallers);
    await expect(chip.count()).resolves.toBe(0);
    await expect(threadsTab.textContent()).resolves.toBe(`Threads (${allThreads})`);
  });

  it('locks, keyboard only: one tab stop, Down to worker, Down to its biggest callee, Right along the row, Enter filters, Escape clears', async () => {
    const icicle = page.getByRole('tree', { name: 'Lock wait by stack' });
    const callers = page.getByRole('grid', { name: 'Callers' });
    await expect(icicle.locator('[tabindex="0"]').count()).resolves.toBe(1);
    await icicle.locator('[tabindex="0"]').focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    await page.keyboard.press('Home');
    await expect.poll(focused).toMatch(/^all: /);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toMatch(/^worker: /);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toMatch(/^transferItem: /);
    await page.keyboard.press('ArrowRight');
    const next = (await focused()).split(':')[0];
    expect(['removeItem', 'addItem']).toContain(next);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'filtered by frame' }).textContent()).toContain(`filtered by frame ${next}`);
    await expect.poll(() => rowCount(callers)).toBe(1);
    await expect(callers.getByRole('row').nth(1).textContent()).resolves.toMatch(new RegExp(`^${next}`));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'filtered by frame' }).count()).toBe(0);
    await expect.poll(focused).toMatch(/^all: /);
  });

  it('locks, differential: the sharded capture against the coarse one, coloured by change with a legend', async () => {
    await page.getByRole('combobox', { name: 'Input' }).selectOption({ label: 'perf_script_sharded.txt.gz' });
    await page.getByRole('radio', { name: /^Change from perf_script_coarse/ }).check();
    const icicle = page.getByRole('tree', { name: 'Lock wait by stack' });
    await expect(page.getByRole('tabpanel').locator('.flame-legend').textContent()).resolves.toMatch(/grew.*shrank.*unchanged/);
    // removeItem no longer waits after the fix: it keeps its place, in the "shrank" colour.
    const removed = icicle.getByRole('treeitem', { name: /^removeItem: / });
    await expect(removed.getAttribute('aria-label')).resolves.toMatch(/→ 0 ns \(−/);
    await expect(removed.getAttribute('class')).resolves.toContain('shrank');
    await page.screenshot({ path: join(ARTIFACTS, 'locks-differential.png'), fullPage: true });
  });

  it('native memory: a click on the user frame of a leak site keeps only the sites whose stacks pass through it', async () => {
    await page.getByRole('tab', { name: 'Native memory' }).click();
    const icicle = page.getByRole('tree', { name: 'Leaked bytes by allocation stack' });
    await icicle.waitFor();
    const sites = page.getByRole('grid', { name: 'Leak sites' });
    const allSites = await rowCount(sites);
    const frame = icicle.getByRole('treeitem', { name: /^loadConfig\(\) player_manager\.cpp:93: / });
    await frame.click();
    await expect.poll(() => rowCount(sites)).toBe(1);
    await expect(sites.getByRole('row').nth(1).textContent()).resolves.toContain('loadConfig');
    expect(allSites).toBeGreaterThan(1);
    await page.screenshot({ path: join(ARTIFACTS, 'alloc-filtered.png'), fullPage: true });
    await page.getByRole('button', { name: /^Clear the filter/ }).click();
    await expect.poll(() => rowCount(sites)).toBe(allSites);
    expect(errors).toEqual([]);
  });

  it('native memory, dark theme: frames and text follow the OS colour scheme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const frame = page.getByRole('tree', { name: 'Leaked bytes by allocation stack' }).getByRole('treeitem').nth(1);
    const { color, background } = await frame.evaluate((el) => ({ color: getComputedStyle(el).color, background: getComputedStyle(el).backgroundColor }));
    // Light ink on a dark frame: the text's channels above the background's.
    const channels = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
    expect(channels(color)).toBeGreaterThan(channels(background));
    await page.screenshot({ path: join(ARTIFACTS, 'alloc-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });
  it('with the leaky LSan report marked as the baseline, the fixed one is drawn against it: the cycle\'s frames vanished, in the shrank colour', async () => {
    const files = page.getByRole('list', { name: 'Files in this case' }).locator('li');
    await files.filter({ hasText: 'lsan_leaky.txt' }).getByRole('checkbox').check();
    await page.getByRole('tab', { name: 'Before/after' }).waitFor({ timeout: 180_000 });
    await page.getByRole('group', { name: 'Analyzing' }).waitFor({ state: 'detached', timeout: 180_000 });
    await page.getByRole('tab', { name: 'Native memory' }).click();
    await page.getByRole('radio', { name: 'Change from lsan_leaky.txt' }).check();
    const icicle = page.getByRole('tree', { name: 'Leaked bytes by allocation stack' });
    await expect(icicle.getByRole('treeitem', { name: /^all: / }).getAttribute('aria-label')).resolves.toMatch(/^all: 11\.8 KiB → 784 B \(−/);
    const cycle = icicle.getByRole('treeitem', { name: /^main player_manager\.cpp:112: / });
    await expect(cycle.getAttribute('aria-label')).resolves.toMatch(/→ 0 B \(−/);
    await expect(cycle.getAttribute('class')).resolves.toContain('shrank');
    await page.screenshot({ path: join(ARTIFACTS, 'alloc-baseline-differential.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
