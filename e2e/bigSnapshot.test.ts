import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSnapshot } from '../bench/heapData';
import { launchChromium } from './browser';
import { ROOT, startServe, type ServeProcess } from './serveProcess';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'big-snapshot');
/** The sample game server at bench:ui's scale (the same file, generated once into bench/data): 3 M+ nodes. */
const BIG = { sessionsPerPhase: 100_000, residents: 2000, tickEvery: 1000 };
/** The issue asks for the views and the explorer on a snapshot of at least this size. */
const AT_LEAST_BYTES = 250e6;

describe('every view and the explorer’s queries on a generated 250 MB+ snapshot (aftermath serve in Chromium)', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = ensureSnapshot(BIG);
    expect(statSync(path).size).toBeGreaterThan(AT_LEAST_BYTES);
    browser = await launchChromium();
    serve = await startServe([path]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(serve.url);
    await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 600_000 });
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  const explorer = () => page.getByRole('region', { name: 'Heap explorer' });
  const shot = async (name: string) => {
    await page.screenshot({ path: join(ARTIFACTS, `${name}-light.png`) });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, `${name}-dark.png`) });
    await page.emulateMedia({ colorScheme: 'light' });
  };

  it('draws every view, and names the leak suspect: the players piled up in Guild.members', async () => {
    const tabs = page.getByRole('tablist', { name: 'Case views' }).getByRole('tab');
    const names = await tabs.allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Report', expect.stringMatching(/^Findings/), 'Heap', 'Heap explorer', 'SQL']));
    for (const [i, name] of names.entries()) {
      await tabs.nth(i).click();
      const panel = page.getByRole('tabpanel', { name });
      await panel.waitFor();
      // Something drawn, and no panel that failed (PanelBoundary's alert).
      await expect.poll(async () => ((await panel.textContent()) ?? '').trim().length).toBeGreaterThan(5);
      expect(await panel.getByRole('alert').count()).toBe(0);
      // The heap's summary names the class that fills it: the 200,000+ players the program leaked.
      if (name === 'Heap') expect(await panel.textContent()).toContain('Player');
      await shot(name.replace(/[^\w]+/g, '-').replace(/-$/, '').toLowerCase());
    }
    // One snapshot shows size, not growth: MAT's leak suspect, with the collection that holds the players.
    await tabs.filter({ hasText: /^Findings/ }).click();
    const first = page.getByRole('tabpanel', { name: /^Findings/ }).locator('details summary').first();
    expect(await first.textContent()).toMatch(/Player objects occupy .+ of the heap\), accumulated in Guild\.members/);
    expect(errors).toEqual([]);
  });

  it('answers the explorer’s queries: filter, a class’s objects, retainers, references, @id and the dominator tree', async () => {
    await page.getByRole('tab', { name: 'Heap explorer' }).click();
    const classRows = explorer().getByRole('grid', { name: 'Classes' }).getByRole('row').filter({ has: page.getByRole('gridcell') });
    await classRows.first().waitFor({ timeout: 60_000 });
    await explorer().getByRole('searchbox', { name: 'Filter classes by name or @id' }).fill('Player');
    const player = classRows.filter({ has: page.getByRole('gridcell', { name: 'Player', exact: true }) });
    await player.waitFor({ timeout: 30_000 });
    const count = Number(((await player.getByRole('gridcell').nth(2).textContent()) ?? '').replace(/[^\d]/g, ''));
    // The leaked players of two phases, and the residents.
    expect(count).toBeGreaterThan(2 * BIG.sessionsPerPhase);
    await player.click();
    const objects = explorer().getByRole('listbox', { name: 'Player objects' }).getByRole('option');
    await objects.first().waitFor({ timeout: 30_000 });
    // Virtualized: a few dozen rows in the page for 200,000+ objects.
    expect(await objects.count()).toBeLessThan(100);
    await objects.first().click();
    const details = explorer().getByRole('region', { name: /^Object Player @\d+$/ });
    await details.getByRole('list', { name: /^Why Player @\d+ is alive$/ }).getByRole('listitem').first().waitFor({ timeout: 30_000 });
    await details.getByRole('tree', { name: 'Retainers' }).getByRole('treeitem').first().waitFor();
    const references = details.getByRole('tree', { name: 'References' });
    await references.locator('[role="treeitem"][aria-expanded="false"]').first().focus();
    await page.keyboard.press('ArrowRight');
    await references.locator('[aria-level="2"]').first().waitFor({ timeout: 30_000 });
    await shot('explorer-object');

    const label = (await objects.nth(1).locator('.xname').textContent()) ?? '';
    const id = /@(\d+)/.exec(label)?.[1];
    expect(id).toBeDefined();
    await explorer().getByRole('searchbox', { name: 'Filter classes by name or @id' }).fill(`@${id}`);
    await explorer().getByRole('region', { name: `Object Player @${id}` }).waitFor({ timeout: 30_000 });

    await explorer().getByRole('radio', { name: 'Dominators' }).click();
    const tree = explorer().getByRole('tree', { name: 'Dominator tree' });
    await tree.getByRole('treeitem').first().waitFor({ timeout: 30_000 });
    await tree.locator('[role="treeitem"][aria-expanded="false"]').first().locator('.twisty').click();
    await tree.locator('[aria-level="2"]').first().waitFor({ timeout: 30_000 });
    await shot('explorer-dominators');
    expect(errors).toEqual([]);
  });
});
