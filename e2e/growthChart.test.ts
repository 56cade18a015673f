import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { ROOT, startServe, type ServeProcess } from './serveProcess';

const LEAKY_EVENTS = join(ROOT, 'samples', 'alloc', 'fixtures', 'events_leaky.jsonl');

describe('the growth chart in Chromium (aftermath serve): its code comes after the page, and it draws', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const errors: string[] = [];
  const scripts: string[] = [];
  let html = '';

  beforeAll(async () => {
    browser = await launchChromium();
    serve = await startServe([LEAKY_EVENTS]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    html = (await (await page.goto(serve.url))?.text()) ?? '';
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('loads the chart code only once a result with a growth chart is shown, and draws the live bytes with the leak rate', async () => {
    // The page names its own script only; the chart's comes by the page's import when it is idle after the result.
    expect(html).toMatch(/<script type="module"[^>]* src="\.\/assets\/index-[\w-]+\.js"/);
    expect(html).not.toMatch(/GrowthChart/);
    await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Native memory', exact: true }).click();
    const chart = page.getByLabel('Live bytes over time');
    await chart.locator('svg.recharts-surface path.recharts-curve').first().waitFor({ timeout: 30_000 });
    expect(await chart.textContent()).toMatch(/leak rate .+\/h/);
    expect(await chart.locator('path.recharts-curve').count()).toBeGreaterThan(1);
    expect(scripts.filter((s) => /GrowthChart/.test(s))).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
