import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heapSnapshots, incidentFiles } from '../analyzers/report/tests/caseFixtures';
import { exportFileName } from '../analyzers/report/exportFileName';
import { launchChromium } from './browser';
import { ROOT, startServe, type ServeProcess } from './serveProcess';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'investigation-ui');
const PERF_SCRIPT = join(ROOT, 'samples', 'locks', 'fixtures', 'perf_script_coarse.txt.gz');
const TITLE = 'Game server OOM kills: Guild.members leak';

/** The UI has settled on a finished analysis: the tab list is there and nothing is running. */
async function analyzed(page: Page): Promise<void> {
  await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 180_000 });
  await page.getByRole('group', { name: 'Analyzing' }).waitFor({ state: 'detached', timeout: 180_000 });
  await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 180_000 });
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? { role: el.getAttribute('role'), text: (el.textContent ?? '').trim().slice(0, 200), index: el.getAttribute('data-index'), expanded: el.getAttribute('aria-expanded') } : undefined;
  });

/** Presses Tab (only the keyboard) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${max} Tab presses did not reach ${selector}; focus is on ${JSON.stringify(await focused(page))}`);
}

describe('the investigation UI in Chromium (aftermath serve): edits, keyboard, errors, themes', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let reopened: ServeProcess | undefined;
  let dir: string;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'aftermath-ui-e2e-'));
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'minutes of the incident call, not a dump\n');
    browser = await launchChromium();
    serve = await startServe([...incidentFiles('memory-leak'), ...heapSnapshots(), bad]);
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.url);
    await analyzed(page);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await reopened?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says in one line that a bad file is not a recognised input, with the formats behind a disclosure; the file can be removed, the banner closed', async () => {
    const banner = page.locator('.banner', { has: page.getByRole('alert').filter({ hasText: 'notes.txt' }) });
    const files = page.getByRole('list', { name: 'Files in this case' }).locator('li');
    expect(await banner.getByRole('alert').evaluate((el) => el.firstChild?.textContent)).toBe('notes.txt: is not a recognised input');
    const details = banner.locator('details');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await details.locator('summary').click();
    expect(await details.textContent()).toMatch(/none of the \d+ supported formats/);
    // At 1280×720 the banner leaves the results on screen.
    const tabsTop = await page.getByRole('tablist', { name: 'Case views' }).evaluate((el) => el.getBoundingClientRect().top);
    expect(tabsTop).toBeLessThan(720);
    await page.screenshot({ path: join(ARTIFACTS, 'error-banner-1280x720.png') });

    // Removed from the case: the case is analyzed again without it.
    const before = await files.count();
    await banner.getByRole('button', { name: 'Remove from case' }).click();
    await analyzed(page);
    expect(await files.count()).toBe(before - 1);
    expect(await files.allTextContents()).not.toContainEqual(expect.stringContaining('notes.txt'));
    // The list drops the file at once; its banner goes with the new analysis, which `analyzed` may have
    // been asked about before it started (a loaded machine: the old result still shown).
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'notes.txt' }).count(), { timeout: 180_000 }).toBe(0);

    // Dropped again, it fails again; this time the banner is only closed.
    await page.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('still not a dump\n') });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'notes.txt' }).count(), { timeout: 180_000 }).toBe(1);
    await analyzed(page);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'notes.txt' }).count()).toBe(0);
    expect(await files.allTextContents()).toContainEqual(expect.stringContaining('notes.txt'));
  });

  it("mounts the panels not visited yet ahead, hidden, and builds the timeline's plots only once its tab is shown", async () => {
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await fresh.goto(serve.url);
    await analyzed(fresh);
    const hiddenCharts = fresh.locator('[role="tabpanel"][hidden] .timeline-chart');
    await expect.poll(() => hiddenCharts.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const charts = await hiddenCharts.count();
    await expect.poll(() => hiddenCharts.locator('.first-draw').count()).toBe(charts);
    // Past the time by which a shown chart's plot is built even on a page never idle (MetricChart):
    // hidden, each keeps its first draw, painted with the page when the tab shows; a canvas would add
    // a resource of its own to that frame.
    await fresh.waitForTimeout(1500);
    expect(await hiddenCharts.locator('canvas').count()).toBe(0);
    await fresh.getByRole('tab', { name: 'Timeline' }).click();
    const shownCharts = fresh.locator('[role="tabpanel"]:not([hidden]) .timeline-chart');
    await expect.poll(() => shownCharts.locator('canvas').count(), { timeout: 10_000 }).toBe(charts);
    expect(await shownCharts.locator('.first-draw').count()).toBe(0);
    await fresh.close();
  });

  it('shows an upload and the analysis it starts as one bar that never goes back, under one title', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await fresh.goto(serve.url);
    await analyzed(fresh);
    // Three days of 1 s samples (about 15 MB): an upload long enough to be seen.
    const start = Date.UTC(2026, 2, 14);
    const rows = Array.from({ length: 3 * 86_400 }, (_, i) => `${start + i * 1000},${40 + (i % 60)},${2 ** 31 + i * 4096}`);
    const metrics = Buffer.from(`time_ms,cpu_percent,memory_rss_bytes\n${rows.join('\n')}\n`);
    await fresh.evaluate(() => {
      const seen: { title: string; percent: number; phase: string }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      const sample = () => {
        const bar = document.querySelector('.progress');
        if (bar) seen.push({ title: bar.getAttribute('aria-label') ?? '', percent: Number(bar.querySelector('progress')?.value), phase: bar.querySelector('.progress-phase')?.textContent ?? '' });
      };
      // Every frame, and every change of the page: an upload to 127.0.0.1 on a quiet machine can begin
      // and end between two frames.
      const everyFrame = () => {
        sample();
        requestAnimationFrame(everyFrame);
      };
      requestAnimationFrame(everyFrame);
      new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await fresh.locator('input[type=file]').setInputFiles({ name: 'metrics-day.csv', mimeType: 'text/csv', buffer: metrics });
    await fresh.getByRole('tab', { name: 'Timeline' }).waitFor({ timeout: 120_000 });
    await analyzed(fresh);
    const seen = await fresh.evaluate(() => (window as unknown as { seen: { title: string; percent: number; phase: string }[] }).seen);
    expect(seen.some((s) => s.phase.startsWith('Uploading'))).toBe(true);
    expect(new Set(seen.map((s) => s.title))).toEqual(new Set(['Analyzing']));
    for (let i = 1; i < seen.length; i++) expect(seen[i].percent, `${JSON.stringify(seen[i - 1])} → ${JSON.stringify(seen[i])}`).toBeGreaterThanOrEqual(seen[i - 1].percent);
    await fresh.close();
  });

  it('removes any file of the case from the file bar, and analyzes what is left', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await fresh.goto(serve.url);
    await analyzed(fresh);
    const files = fresh.getByRole('list', { name: 'Files in this case' }).locator('li');
    const before = await files.count();
    expect(await fresh.locator('.inputs').textContent()).toContain('chat-timeline.txt');
    await fresh.getByRole('button', { name: 'Remove chat-timeline.txt from the case' }).click();
    await expect.poll(() => files.count()).toBe(before - 1);
    expect(await files.allTextContents()).not.toContainEqual(expect.stringContaining('chat-timeline.txt'));
    await expect.poll(() => fresh.locator('.inputs').textContent(), { timeout: 180_000 }).not.toContain('chat-timeline.txt');
    await analyzed(fresh);
    await fresh.close();
  });

  it('keeps the last result on screen, dimmed and out of reach, while the case is analyzed again', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await fresh.goto(serve.url);
    await analyzed(fresh);
    await fresh.evaluate(() => {
      const seen: { progress: boolean; tabs: boolean; inert: boolean }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      const sample = () => {
        const tabs = document.querySelector('[role="tablist"][aria-label="Case views"]');
        seen.push({ progress: !!document.querySelector('.progress'), tabs: !!tabs, inert: !!tabs?.closest('[inert]') });
        requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    // A file added: its upload and parse take long enough to be seen on any machine (options alone
    // re-run only the analyses, which can end between two frames).
    const start = Date.UTC(2026, 2, 14);
    const rows = Array.from({ length: 86_400 }, (_, i) => `${start + i * 1000},${40 + (i % 60)}`);
    await fresh.locator('input[type=file]').setInputFiles({ name: 'cpu-day.csv', mimeType: 'text/csv', buffer: Buffer.from(`time_ms,cpu_percent\n${rows.join('\n')}\n`) });
    const sampled = () => fresh.evaluate(() => (window as unknown as { seen: { progress: boolean; tabs: boolean; inert: boolean }[] }).seen);
    await expect.poll(async () => (await sampled()).some((s) => s.progress), { timeout: 60_000 }).toBe(true);
    await expect.poll(async () => (await sampled()).at(-1)?.progress, { timeout: 180_000 }).toBe(false);
    await analyzed(fresh);
    const seen = await sampled();
    const during = seen.filter((s) => s.progress);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((s) => s.tabs && s.inert)).toBe(true);
    // Done: the tabs are live again.
    expect(seen[seen.length - 1]).toEqual({ progress: false, tabs: true, inert: false });
    await fresh.close();
  });

  it('keeps report edits across tab switches, a re-analysis and a reload of the saved case', async () => {
    await page.getByRole('tab', { name: /^Report/ }).click();
    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page.getByLabel('Summary', { exact: true }).fill('Departed players stayed in Guild.members.');
    await page.getByLabel('Owner of action 1', { exact: true }).fill('ana');
    expect(await page.getByRole('tab', { name: /^Report/ }).textContent()).toBe('Report •');

    await page.getByRole('tab', { name: /^Findings/ }).click();
    await page.getByRole('tab', { name: 'Heap', exact: true }).click();
    await page.getByRole('tab', { name: /^Report/ }).click();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(TITLE);
    expect(await page.getByLabel('Owner of action 1', { exact: true }).inputValue()).toBe('ana');

    // New options re-analyze the case; the edits stay, and so does the open tab.
    const before = await page.getByRole('list', { name: 'Files in this case' }).locator('li').count();
    await page.locator('summary', { hasText: 'Analysis options' }).click();
    await page.getByLabel('P99 ms').fill('2500');
    await page.getByRole('button', { name: 'Apply and re-analyze' }).click();
    await analyzed(page);
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('Report •');
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(TITLE);
    expect(await page.getByLabel('Summary', { exact: true }).inputValue()).toBe('Departed players stayed in Guild.members.');
    expect(await page.getByRole('list', { name: 'Files in this case' }).locator('li').count()).toBe(before);

    // Leaving with unsaved edits asks first: the page vetoes the unload, so the browser shows its
    // "Leave site?" dialog (dispatched here: headless Chromium shows it only after a real gesture).
    const vetoed = () =>
      page.evaluate(() => {
        const leaving = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(leaving);
        return leaving.defaultPrevented;
      });
    expect(await vetoed()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Aftermath case' }).click()]);
    expect(download.suggestedFilename()).toBe(exportFileName(TITLE, 'aftermath'));
    expect(download.suggestedFilename()).toBe('game-server-oom-kills-guild-members-leak.aftermath');
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    await expect.poll(() => page.getByRole('tab', { name: /^Report/ }).textContent()).toBe('Report');
    expect(await vetoed()).toBe(false);

    reopened = await startServe([saved]);
    const again = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    again.on('pageerror', (e) => errors.push(e.message));
    await again.goto(reopened.url);
    await analyzed(again);
    expect(await again.getByLabel('Title', { exact: true }).inputValue()).toBe(TITLE);
    expect(await again.getByLabel('Owner of action 1', { exact: true }).inputValue()).toBe('ana');
    // What a case file brings is saved already: nothing to ask about.
    expect(await again.getByRole('tab', { name: /^Report/ }).textContent()).toBe('Report');
    await again.close();
  });

  it('groups, filters and searches the findings', async () => {
    await page.getByRole('tab', { name: /^Findings/ }).click();
    const groups = page.locator('.finding-group');
    expect(await groups.first().locator('h3').textContent()).toMatch(/^Memory leak: /);
    const all = await page.locator('.finding').count();
    await page.getByLabel('Search findings').fill('guild');
    const matching = await page.locator('.finding').count();
    expect(matching).toBeGreaterThan(0);
    expect(matching).toBeLessThan(all);
    await page.getByLabel('Search findings').fill('');
    await page.getByRole('group', { name: 'Severity' }).getByRole('button').first().click();
    const severe = await page.locator('.finding').count();
    expect(severe).toBeLessThan(all);
    // The filters are still set after a tab switch.
    await page.getByRole('tab', { name: /^Report/ }).click();
    await page.getByRole('tab', { name: /^Findings/ }).click();
    expect(await page.locator('.finding').count()).toBe(severe);
    await page.getByRole('group', { name: 'Severity' }).getByRole('button').first().click();
  });

  it('makes the findings and the timeline lists one Tab stop each, walked with the arrows', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await fresh.goto(serve.url);
    await analyzed(fresh);
    const text = () => fresh.evaluate(() => (document.activeElement?.textContent ?? '').trim());
    // Findings: Tab reaches the first summary; ArrowDown the next; Tab leaves the list (no stop on each finding).
    await fresh.getByRole('tab', { name: /^Findings/ }).click();
    const summaries = fresh.locator('.findings > li > details > summary');
    const titles = (await summaries.allTextContents()).map((t) => t.trim());
    expect(titles.length).toBeGreaterThan(3);
    await tabTo(fresh, '.findings > li > details > summary');
    expect(await text()).toBe(titles[0]);
    await fresh.keyboard.press('ArrowDown');
    await fresh.keyboard.press('ArrowDown');
    expect(await text()).toBe(titles[2]);
    await fresh.keyboard.press('End');
    expect(await text()).toBe(titles[titles.length - 1]);
    await fresh.keyboard.press('Shift+Tab');
    await fresh.keyboard.press('Tab');
    expect(await text()).toBe(titles[titles.length - 1]);
    await fresh.keyboard.press('Tab');
    expect(await fresh.evaluate(() => document.activeElement?.matches('.findings summary') ?? false)).toBe(false);
    // The timeline's event list: the same.
    await fresh.getByRole('tab', { name: 'Timeline' }).click();
    const events = fresh.getByRole('region', { name: 'Events' }).getByRole('button');
    await events.first().waitFor({ timeout: 10_000 });
    expect(await events.evaluateAll((b) => b.filter((el) => (el as HTMLElement).tabIndex === 0).length)).toBe(1);
    await events.first().focus();
    await fresh.keyboard.press('ArrowDown');
    expect(await text()).toBe((await events.nth(1).textContent())?.trim());
    await fresh.keyboard.press('Enter');
    await expect.poll(() => fresh.getByRole('complementary', { name: 'Evidence' }).textContent()).toContain(((await events.nth(1).textContent()) ?? '').replace(/^\w+ /, '').trim());
    await fresh.close();
  });

  it('walks tabs, table rows and the hot-path tree with the keyboard only', async () => {
    // Add the lock capture through the file input (the upload path), so the Locks tab exists.
    await page.locator('input[type=file]').setInputFiles(PERF_SCRIPT);
    await page.getByRole('tab', { name: 'Locks', exact: true }).waitFor({ timeout: 180_000 });
    await analyzed(page);
    await page.getByRole('tab', { selected: true }).focus();
    await page.keyboard.press('Home');
    expect((await focused(page))?.text).toMatch(/^Report/);
    await page.keyboard.press('ArrowRight');
    expect((await focused(page))?.text).toMatch(/^Findings/);
    expect(await page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Findings/);
    await page.keyboard.press('End');
    expect((await focused(page))?.text).toBe('SQL');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page))?.text).toMatch(/^Report/);

    // Heap: into the constructor grid, down two rows, Enter opens that class's largest objects.
    while (((await focused(page))?.text ?? '') !== 'Heap') await page.keyboard.press('ArrowRight');
    await tabTo(page, '[aria-label="Summary by constructor"] [role="row"][data-index]');
    expect((await focused(page))?.index).toBe('0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const row = await focused(page);
    expect(row).toMatchObject({ role: 'row', index: '2' });
    await page.keyboard.press('Enter');
    const className = await page.locator('[aria-label="Summary by constructor"] [role="row"][data-index="2"] [role="gridcell"]').first().textContent();
    const opened = async () => {
      const text = (await page.locator('.heap-summary').textContent()) ?? '';
      return text.includes(`Largest ${className} objects`) || text.includes(`${className} is not one of them`);
    };
    await expect.poll(opened).toBe(true);
    await page.keyboard.press('End');
    // The grid scrolls the last row in, then focuses it once it is rendered.
    await expect.poll(async () => Number((await focused(page))?.index)).toBeGreaterThan(20);

    // Leaks & cycles: a leak cluster's evidence, drawn after the tab's first frame, opens from the keyboard with its retainer path.
    await page.getByRole('tab', { name: /^Leaks & cycles/ }).focus();
    await page.keyboard.press('Enter');
    await tabTo(page, '.heap-clusters summary');
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: /^Retainer path of .+ @\d+$/ }).first().waitFor({ timeout: 10_000 });

    // Locks: the hot-path tree opens and closes from the keyboard, and the tables' tabs switch with arrows.
    await page.getByRole('tab', { name: 'Locks', exact: true }).focus();
    await page.keyboard.press('Enter');
    await tabTo(page, '[role="treeitem"]');
    const root = await focused(page);
    expect(root?.role).toBe('treeitem');
    const wasOpen = root?.expanded === 'true';
    await page.keyboard.press(wasOpen ? 'ArrowLeft' : 'ArrowRight');
    expect((await focused(page))?.expanded).toBe(wasOpen ? 'false' : 'true');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-level'))).toBe('2');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-level'))).toBe('1');

    await tabTo(page, '[role="tablist"][aria-label="Lock tables"] [role="tab"]');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page))?.text).toMatch(/^Locks \(/);
    await tabTo(page, '[aria-label="Locks"] [role="row"][data-index]');
    // A futex address is shown with the function that waited on it most, and the columns perf script fills.
    expect((await focused(page))?.text).toMatch(/^\w+\s*0x[0-9a-f]+futex/);
    expect(await page.locator('[aria-label="Locks"] [role="columnheader"]').allTextContents()).not.toContain('Rate');
    await page.screenshot({ path: join(ARTIFACTS, 'keyboard-locks.png'), fullPage: true });
  });

  it('follows the OS theme, light and dark, in every view, and holds at 1280×720', async () => {
    const tabs = await page.getByRole('tablist', { name: 'Case views' }).getByRole('tab').allTextContents();
    expect(tabs.length).toBeGreaterThanOrEqual(6);
    const background: Record<string, string> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      background[scheme] = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      for (const title of tabs) {
        await page.getByRole('tab', { name: title, exact: true }).click();
        // Nothing wider than the window: no sideways scrolling at 1280 px.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
        const slug = title.replace(/\W+/g, '-').replace(/-+$/, '').toLowerCase();
        await page.screenshot({ path: join(ARTIFACTS, `${slug}-${scheme}.png`), fullPage: true });
      }
    }
    expect(background.light).toBe('rgb(247, 247, 248)');
    expect(background.dark).toBe('rgb(22, 24, 28)');
    expect(errors).toEqual([]);
  });
});
