import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heapSnapshots } from '../analyzers/report/tests/caseFixtures';
import { launchChromium } from './browser';
import { ROOT, startServe, type ServeProcess } from './serveProcess';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'heap-explorer');

const groupDigitsOf = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

describe('the live heap explorer in Chromium (aftermath serve) on the three sample snapshots', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    serve = await startServe(heapSnapshots());
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.url);
    await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 180_000 });
    await page.getByRole('tab', { name: 'Heap explorer' }).click();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  const explorer = () => page.getByRole('region', { name: 'Heap explorer' });
  const classRows = () => explorer().getByRole('grid', { name: 'Classes' }).getByRole('row').filter({ has: page.getByRole('gridcell') });

  it('opens on the last snapshot and filters the classes by name', async () => {
    const select = explorer().getByLabel('Snapshot');
    expect(await select.locator('option:checked').textContent()).toBe('3. game-3-final.heapsnapshot.gz');
    await classRows().first().waitFor();
    const all = await classRows().count();
    await explorer().getByRole('searchbox', { name: 'Filter classes by name or @id' }).fill('Player');
    // The table stays drawn (marked busy) until the filter's answer comes: never empty in between.
    const rowsSeen: string[][] = [];
    await expect
      .poll(async () => {
        const rows = await classRows().allTextContents();
        rowsSeen.push(rows);
        return (await explorer().getByRole('grid', { name: 'Classes' }).getAttribute('aria-busy')) === 'false' && rows.length > 0 && rows.every((t) => t.toLowerCase().includes('player'));
      }, { timeout: 10_000 })
      .toBe(true);
    expect(rowsSeen.every((rows) => rows.length > 0)).toBe(true);
    expect(await classRows().count()).toBeLessThan(all);
    // Distance and percent columns.
    const header = await explorer().getByRole('grid', { name: 'Classes' }).getByRole('columnheader').allTextContents();
    expect(header.map((h) => h.replace(/[ ▼▲]+$/, ''))).toEqual(['Constructor', 'Distance', 'Count', 'Shallow', 'Shallow %', 'Retained', 'Retained %']);
  });

  it('lists every object of a class, virtualized, and expands an object’s retainers and references', async () => {
    const player = classRows().filter({ has: page.getByRole('gridcell', { name: 'Player', exact: true }) });
    const count = groupDigitsOf(await player.getByRole('gridcell').nth(2).textContent());
    await player.click();
    const list = explorer().getByRole('listbox', { name: 'Player objects' });
    await list.getByRole('option').first().waitFor();
    expect(groupDigitsOf(await explorer().getByRole('group', { name: 'Player objects' }).locator('p').first().textContent())).toBe(count);
    // Virtualized: far fewer rows in the page than objects, and the last one reachable from the keyboard.
    expect(await list.getByRole('option').count()).toBeLessThan(Math.min(count, 100));
    await list.getByRole('option').first().focus();
    // End draws the last rows in the key's own task, not a frame later with the scroll event.
    const drawnAtOnce = await page.evaluate((last) => {
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
      return document.querySelector(`[role="listbox"] [data-index="${last}"]`) !== null;
    }, count - 1);
    expect(drawnAtOnce).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-index'))).toBe(String(count - 1));
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Player @\d+/);
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');

    const details = explorer().getByRole('region', { name: /^Object Player @\d+$/ });
    await details.waitFor();
    const why = details.getByRole('list', { name: /^Why Player @\d+ is alive$/ });
    await why.getByRole('listitem').first().waitFor();
    expect(await why.getByRole('listitem').last().textContent()).toMatch(/Player @\d+$/);

    const retainers = details.getByRole('tree', { name: 'Retainers' });
    await retainers.getByRole('treeitem').first().waitFor();
    const references = details.getByRole('tree', { name: 'References' });
    const first = references.getByRole('treeitem').first();
    await first.waitFor();
    const before = await references.getByRole('treeitem').count();
    // Keyboard: focus the tree, open the first expandable reference with the right arrow.
    const expandable = references.locator('[role="treeitem"][aria-expanded="false"]').first();
    await expandable.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => references.locator('[role="treeitem"][aria-expanded="true"]').count()).toBe(1);
    await expect.poll(() => references.getByRole('treeitem').count()).toBeGreaterThan(before);
    expect(await references.locator('[aria-level="2"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'summary-object-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'summary-object-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('fits the window from 1280×720 up, as DevTools’ Memory panel: classes, objects, retainers and references in view, the page never scrolling', async () => {
    // The state the test above left: Player open, its first object selected.
    const details = explorer().getByRole('region', { name: /^Object Player @\d+$/ });
    await details.waitFor();
    const objects = explorer().getByRole('listbox', { name: 'Player objects' }).getByRole('option');
    const firstRows = {
      classRow: classRows().first(),
      firstObjects: objects.nth(2),
      retainer: details.getByRole('tree', { name: 'Retainers' }).getByRole('treeitem').first(),
      reference: details.getByRole('tree', { name: 'References' }).getByRole('treeitem').first(),
    };
    const panes = [
      explorer().getByRole('grid', { name: 'Classes' }),
      explorer().getByRole('group', { name: 'Player objects' }),
      details.getByRole('group', { name: 'Retainers' }),
      details.getByRole('group', { name: 'References' }),
    ];
    /** Where each first row stands (inside the window, or not), whether the page scrolls, the panes that overlap and the clipped headers. */
    const layout = async (height: number) => {
      const inView: Record<string, boolean> = {};
      for (const [name, row] of Object.entries(firstRows)) {
        const box = await row.boundingBox();
        inView[name] = box !== null && box.y >= 0 && box.y + box.height <= height;
      }
      const boxes = await Promise.all(panes.map((p) => p.boundingBox()));
      const overlapping = boxes.flatMap((a, i) =>
        boxes.slice(i + 1).flatMap((b, j) => (a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height ? [`${i}/${i + j + 1}`] : [])),
      );
      const shell = await page.evaluate(() => {
        const clipped = [...document.querySelectorAll<HTMLElement>('.heap-explorer [role="columnheader"], .heap-explorer .xhead .xcol')]
          .filter((h) => h.scrollWidth > h.clientWidth)
          .map((h) => h.textContent);
        return { scrolls: (document.scrollingElement?.scrollHeight ?? 0) > innerHeight + 1, clipped };
      });
      return { inView, pageScrolls: shell.scrolls, overlapping, clippedHeaders: shell.clipped };
    };
    const fits = { inView: { classRow: true, firstObjects: true, retainer: true, reference: true }, pageScrolls: false, overlapping: [], clippedHeaders: [] };
    for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => layout(height), { timeout: 5_000 }).toEqual(fits);
      await page.screenshot({ path: join(ARTIFACTS, `fit-${width}x${height}-light.png`) });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(ARTIFACTS, `fit-${width}x${height}-dark.png`) });
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('finds an object by @id in the filter', async () => {
    const label = (await explorer().getByRole('listbox', { name: 'Player objects' }).getByRole('option').nth(1).locator('.xname').textContent()) ?? '';
    const id = /@(\d+)/.exec(label)?.[1];
    expect(id).toBeDefined();
    await explorer().getByRole('searchbox', { name: 'Filter classes by name or @id' }).fill(`@${id}`);
    await explorer().getByRole('region', { name: `Object Player @${id}` }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await classRows().allTextContents()).length).toBe(1);
    expect(await classRows().first().getByRole('gridcell').first().textContent()).toBe('Player');
  });

  it('walks the dominator tree from the root, largest first', async () => {
    await explorer().getByRole('radio', { name: 'Dominators' }).click();
    const tree = explorer().getByRole('tree', { name: 'Dominator tree' });
    await tree.getByRole('treeitem').first().waitFor();
    const top = tree.locator('[role="treeitem"][aria-level="1"]');
    expect(await top.count()).toBeGreaterThan(1);
    await tree.locator('[role="treeitem"][aria-expanded="false"]').first().locator('.twisty').click();
    await tree.locator('[aria-level="2"]').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dominators-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'dominators-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('compares two snapshots by class with + and −, and lists the new objects of a class', async () => {
    await explorer().getByRole('radio', { name: 'Comparison' }).click();
    const grid = explorer().getByRole('grid', { name: 'Comparison by class' });
    const player = grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: 'Player', exact: true }) });
    await explorer().getByRole('searchbox', { name: 'Filter classes by name or @id' }).fill('Player');
    await player.waitFor({ timeout: 10_000 });
    const added = await player.getByRole('gridcell').nth(1).textContent();
    expect(added).toMatch(/^\+[\d,]+$/);
    await player.click();
    const list = explorer().getByRole('group', { name: 'Player objects' });
    await list.getByRole('option').first().waitFor();
    expect(groupDigitsOf(await list.locator('p').first().textContent())).toBe(groupDigitsOf(added));
    expect(await list.locator('p').first().textContent()).toMatch(/new Player objects/);
    await page.screenshot({ path: join(ARTIFACTS, 'comparison-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'comparison-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('opens an object named in a finding’s path in the explorer ("show in heap")', async () => {
    await page.getByRole('tab', { name: /^Findings/ }).click();
    // The leak finding, whose retainer path names objects: opened, as a reader would (its evidence is drawn
    // when opened; in the shown panel: visited tabs stay mounted, hidden).
    const finding = page.getByRole('tabpanel').locator('details', { has: page.locator('summary', { hasText: /objects leak/ }) }).first();
    await finding.locator('summary').click();
    const link = finding.locator('.id-link').first();
    await link.waitFor({ timeout: 10_000 });
    const id = ((await link.textContent()) ?? '').slice(1);
    await link.click();
    expect(await page.getByRole('tab', { name: 'Heap explorer' }).getAttribute('aria-selected')).toBe('true');
    await explorer().getByRole('region', { name: new RegExp(`@${id}$`) }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  });

  it('opens a leak cluster’s example object and one of the Heap tab’s largest objects in the explorer', async () => {
    /** Clicks `link` (its text ends in the object's `@id`) and waits for the explorer to show that object of the last snapshot. */
    const showsItsObject = async (link: Locator) => {
      await link.waitFor({ timeout: 10_000 });
      const id = /@(\d+)$/.exec((await link.textContent()) ?? '')?.[1];
      expect(id).toBeDefined();
      await link.click();
      expect(await page.getByRole('tab', { name: 'Heap explorer' }).getAttribute('aria-selected')).toBe('true');
      await explorer().getByRole('region', { name: new RegExp(`^Object .+ @${id}$`) }).waitFor({ timeout: 10_000 });
      expect(await explorer().getByLabel('Snapshot').locator('option:checked').textContent()).toBe('3. game-3-final.heapsnapshot.gz');
    };

    await page.getByRole('tab', { name: 'Leaks & cycles' }).click();
    const cluster = page.getByRole('region', { name: 'Leak clusters' }).locator('details').first();
    await cluster.locator('summary').click();
    await showsItsObject(cluster.locator('div', { has: page.locator('dt', { hasText: 'Example objects' }) }).locator('.id-link').last());

    await page.getByRole('tab', { name: 'Heap', exact: true }).click();
    await showsItsObject(page.getByRole('group', { name: /^Largest .+ objects$/ }).locator('strong .id-link').first());
    expect(errors).toEqual([]);
  });
});
