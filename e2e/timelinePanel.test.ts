import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochMillis } from '../analyzers/core/units';
import type { CaseResult } from '../analyzers/case/caseResult';
import { analyzeIncident } from '../analyzers/timeline/tests/helpers';
import { launchChromium } from './browser';
import { bundlePanelHarness } from './panelHarness';
import { chartGroups } from '../renderer/src/views/timeline/timelineData';

const HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';

describe('TimelinePanel in Chromium (cache-stampede sample)', () => {
  let browser: Browser;
  let page: Page;
  let result: CaseResult;
  let outDir = '';
  let url = '';
  const errors: string[] = [];

  beforeAll(async () => {
    result = await analyzeIncident('cache-stampede', { anchorDate: '2026-04-02' });
    // A crafted input: markup in an event title and a javascript: URL in its detail must stay text.
    result.views.timeline!.events.push({ id: 'hostile', atMs: epochMillis(Date.UTC(2026, 3, 2, 17, 10)), kind: 'note', title: HOSTILE, detail: 'javascript:window.pwned=3', source: 'evil.jsonl' });
    // A marker at the last sample, on the plot's right edge: its label must stay inside the chart.
    const lastSample = Math.max(...result.views.timeline!.series.map((s) => s.t[s.t.length - 1]));
    result.views.timeline!.events.push({ id: 'edge', atMs: epochMillis(lastSample), kind: 'restart', title: 'restart at the end of the capture', detail: '', source: 'edge.jsonl' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
    const harness = await bundlePanelHarness('timeline-panel', join(__dirname, 'timelinePanel', 'harness.tsx'), result);
    outDir = harness.outDir;
    url = harness.url;
    await page.goto(url);
    await page.locator('.timeline-chart canvas').first().waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('stacks one chart per unit and magnitude, with a marker per event and the detection bands', async () => {
    const view = result.views.timeline!;
    const units = new Set(view.series.map((s) => s.unit));
    // One chart per unit here: within each unit the series are of one magnitude (chartGroups' tests split them).
    // Every chart's uPlot is built once the page is idle, in place of its first draw.
    await expect.poll(() => page.locator('.timeline-chart canvas').count()).toBe(chartGroups(view.series).length);
    expect(await page.locator('.timeline-chart .first-draw').count()).toBe(0);
    expect(chartGroups(view.series).length).toBeGreaterThanOrEqual(units.size);
    // Every chart carries every event marker of the range, each with its event as the tooltip.
    expect(await page.locator('.timeline-chart').first().locator('.marker').count()).toBe(view.events.length);
    expect(await page.locator('.timeline-chart').first().locator('.marker[title*="deploy: "]').count()).toBeGreaterThan(0);
    expect(await page.locator('.timeline-chart .band').count()).toBeGreaterThanOrEqual(view.detections.length);
    // Every marker label is inside its chart, those of markers at the plot's edges too.
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll('.timeline-chart')].flatMap((chart) => {
        const box = chart.getBoundingClientRect();
        return [...chart.querySelectorAll('.marker-label')].map((l) => l.getBoundingClientRect()).filter((l) => l.left < box.left || l.right > box.right).map((l) => `${l.left}–${l.right} of ${box.left}–${box.right}`);
      }),
    );
    expect(outside).toEqual([]);
    await page.screenshot({ path: join(outDir, 'e2e-timeline-panel.png'), fullPage: true });
  });

  it('draws the charts in view at once, and builds a chart for the pointer before the page is idle', async () => {
    // A page that is never idle: the charts stay as first drawn until the pointer comes.
    const busy = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await busy.addInitScript('window.requestIdleCallback = () => 0');
    await busy.goto(url);
    const first = busy.locator('.timeline-chart').first();
    await first.locator('.first-draw').waitFor({ timeout: 60_000 });
    const groups = chartGroups(result.views.timeline!.series);
    // Every series of the chart has its line, the value axis its labels, and the markers are there.
    expect(await first.locator('.first-draw svg path').count()).toBeGreaterThanOrEqual(groups[0].series.length);
    expect(await first.locator('.first-labels span').count()).toBeGreaterThan(1);
    expect(await first.locator('.marker').count()).toBe(result.views.timeline!.events.length);
    expect(await busy.locator('.timeline-chart canvas').count()).toBe(0);
    // The pointer on it: its uPlot now, with the readouts at the cursor.
    const box = (await first.locator('.first-over').boundingBox())!;
    await busy.mouse.move(box.x - 40, box.y + box.height * 0.5);
    await busy.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 2 });
    await expect.poll(() => first.locator('canvas').count()).toBe(1);
    expect(await first.locator('.first-draw').count()).toBe(0);
    // The plot area is where it was: the markers and bands do not move as the uPlot takes over.
    const plotBox = (await first.locator('.u-over').boundingBox())!;
    for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(plotBox[k] - box[k])).toBeLessThan(1);
    await expect.poll(() => busy.locator('.time-ruler .cursor-time').textContent()).toMatch(/^2026-04-02 1\d:\d\d/);
    await busy.close();
  });

  it('leaves the lists under charts that fill the viewport to the first idle period', async () => {
    // Idle callbacks run only when the test says so.
    const short = await browser.newPage({ viewport: { width: 1400, height: 400 } });
    await short.addInitScript('window.idleQueue = []; window.requestIdleCallback = (f) => window.idleQueue.push(f); window.cancelIdleCallback = () => {}');
    await short.goto(url);
    await short.locator('.timeline-chart .first-draw').first().waitFor({ timeout: 60_000 });
    expect(await short.getByRole('region', { name: 'Events' }).count()).toBe(0);
    await short.evaluate('window.idleQueue.splice(0).forEach((f) => f({ didTimeout: true, timeRemaining: () => 0 }))');
    await expect.poll(() => short.getByRole('region', { name: 'Events' }).getByRole('listitem').count()).toBe(result.views.timeline!.events.length);
    await short.close();
  });

  it('moves one cursor over every chart', async () => {
    const box = (await page.locator('.timeline-chart .u-over').first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await expect.poll(() => page.locator('.timeline-chart .u-cursor-x:not(.u-off)').count()).toBe(await page.locator('.timeline-chart').count());
    // Each chart reads out its values at the cursor, and the ruler the moment.
    await expect.poll(() => page.locator('.time-ruler .cursor-time').textContent()).toMatch(/^2026-04-02 1\d:\d\d/);
    expect(await page.locator('.timeline-chart .series-value').evaluateAll((els) => els.filter((e) => e.textContent === '').length)).toBe(0);
  });

  it('opens the evidence of a clicked marker, band and list entry', async () => {
    const side = page.getByRole('complementary', { name: 'Evidence' });
    await page.getByRole('button', { name: /all requests miss the cache/ }).click();
    await expect.poll(() => side.textContent()).toContain('Chat timeline line 3: 17:00:01.002 - all requests miss the cache');

    await page.getByRole('button', { name: /Cache stampede/ }).click();
    await expect.poll(() => side.textContent()).toContain('XFetch');
    expect(await side.textContent()).toContain('stampede chain');

    // A marker on the chart itself: the first event (the 16:58:30 deploy).
    const first = [...result.views.timeline!.events].sort((a, b) => a.atMs - b.atMs)[0];
    // Markers are in the view's order; the click lands on the marker's centre, whatever overlaps it.
    await page.locator('.timeline-chart').first().locator('.marker').nth(result.views.timeline!.events.indexOf(first)).click({ force: true });
    await expect.poll(() => side.textContent()).toContain(first.title);
  });

  it('zooms every chart to a detection and back', async () => {
    const toolbar = page.locator('.timeline-toolbar');
    const before = await toolbar.textContent();
    await page.getByRole('button', { name: /Cache stampede/ }).click();
    await page.getByRole('button', { name: 'Zoom to this' }).click();
    await expect.poll(() => toolbar.textContent()).not.toBe(before);
    expect(await page.getByRole('button', { name: 'Show all' }).count()).toBe(1);
    await page.screenshot({ path: join(outDir, 'e2e-timeline-zoomed.png'), fullPage: true });
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => toolbar.textContent()).toBe(before);
  });

  it('zooms by drag-select, Ctrl+wheel and the keyboard, pans, and steps through the markers from the keyboard', async () => {
    const toolbar = page.locator('.timeline-toolbar');
    const all = await toolbar.textContent();
    const span = async () => {
      const [from, to] = ((await toolbar.locator('span.muted').first().textContent()) ?? '').split(' → ').map((t) => Date.parse(`${t.replace(' UTC', '').replace(' ', 'T')}Z`));
      return to - from;
    };
    const full = await span();
    // Drag-select the middle fifth of the first chart.
    const box = (await page.locator('.timeline-chart .u-over').first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(span).toBeLessThan(full * 0.35);
    const dragged = await span();
    // Ctrl+wheel zooms in around the pointer.
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await expect.poll(span).toBeLessThan(dragged);
    // The keyboard: focus the charts, zoom out, pan, show all.
    const charts = page.getByRole('group', { name: /^Metric charts/ });
    await charts.focus();
    const beforeKeys = await span();
    await page.keyboard.press('-');
    await expect.poll(span).toBeGreaterThan(beforeKeys);
    const range = await toolbar.locator('span.muted').first().textContent();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => toolbar.locator('span.muted').first().textContent()).not.toBe(range);
    await page.keyboard.press('0');
    await expect.poll(() => toolbar.textContent()).toBe(all);
    // ] opens the first marker's evidence, ] again the next one.
    const side = page.getByRole('complementary', { name: 'Evidence' });
    const sorted = [...result.views.timeline!.events].sort((a, b) => a.atMs - b.atMs);
    await page.keyboard.press(']');
    await expect.poll(() => side.textContent()).toContain(sorted[0].title);
    await page.keyboard.press(']');
    await expect.poll(() => side.textContent()).toContain(sorted[1].title);
    // Zoomed in on the second marker, ] goes on to the markers out of view and brings the view to each.
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect.poll(span).toBeLessThan(full / 3);
    const zoomed = await span();
    const last = sorted[sorted.length - 1];
    for (let i = 2; i < sorted.length; i++) await page.keyboard.press(']');
    await expect.poll(() => side.textContent()).toContain(last.title);
    const shown = ((await toolbar.locator('span.muted').first().textContent()) ?? '').split(' → ').map((t) => Date.parse(`${t.replace(' UTC', '').replace(' ', 'T')}Z`));
    expect(shown[0]).toBeLessThanOrEqual(last.atMs + 1000);
    expect(shown[1]).toBeGreaterThanOrEqual(last.atMs - 1000);
    expect(Math.abs((await span()) - zoomed)).toBeLessThan(2000);
  });

  it('narrows the range from the edge of the strip and pans it by dragging its window', async () => {
    const toolbar = page.locator('.timeline-toolbar');
    await page.keyboard.press('0');
    const text = () => toolbar.locator('span.muted').first().textContent();
    const span = async () => {
      const [from, to] = ((await text()) ?? '').split(' → ').map((t) => Date.parse(`${t.replace(' UTC', '').replace(' ', 'T')}Z`));
      return to - from;
    };
    const full = await span();
    const strip = (await page.locator('.range-strip').boundingBox())!;
    const y = strip.y + strip.height / 2;
    // The end edge, dragged to the middle: half the span.
    await page.mouse.move(strip.x + strip.width - 1, y);
    await page.mouse.down();
    await page.mouse.move(strip.x + strip.width * 0.5, y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(span).toBeLessThan(full * 0.55);
    const half = await span();
    expect(half).toBeGreaterThan(full * 0.45);
    // The window, dragged right by a quarter: same span, later.
    const before = await text();
    await page.mouse.move(strip.x + strip.width * 0.25, y);
    await page.mouse.down();
    await page.mouse.move(strip.x + strip.width * 0.5, y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(text).not.toBe(before);
    expect(Math.abs((await span()) - half)).toBeLessThanOrEqual(1000);
    await page.keyboard.press('0');
  });

  it('keeps the range strip and the time axis in view over whichever chart is scrolled to, at 1280×720', async () => {
    const plotWidth = () => page.locator('.timeline-chart .u-over').first().evaluate((el) => el.clientWidth);
    const wide = await plotWidth();
    await page.setViewportSize({ width: 1280, height: 720 });
    const last = page.locator('.timeline-chart').last();
    await last.scrollIntoViewIfNeeded();
    const plot = last.locator('.u-over');
    await expect.poll(async () => (await plot.boundingBox())!.y + (await plot.boundingBox())!.height).toBeLessThanOrEqual(720);
    const inView = async (selector: string) => {
      const b = (await page.locator(selector).boundingBox())!;
      return b.y >= 0 && b.y + b.height <= 720;
    };
    // The page did scroll: the first chart's plot is above the window, the strip and the ruler are not.
    expect((await page.locator('.timeline-chart .u-over').first().boundingBox())!.y).toBeLessThan(0);
    expect(await inView('.range-strip')).toBe(true);
    expect(await inView('.time-ruler')).toBe(true);
    expect(await page.locator('.time-ruler .ruler-tick').count()).toBeGreaterThan(1);
    // The ruler spans the plots exactly, so its ticks stand over the moments they name.
    const p = (await plot.boundingBox())!;
    const ruler = (await page.locator('.time-ruler').boundingBox())!;
    expect(Math.abs(ruler.x - p.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(ruler.x + ruler.width - (p.x + p.width))).toBeLessThanOrEqual(1);
    // The moment under the pointer on the last chart is read out on the ruler, over the pointer.
    const x = p.x + p.width * 0.6;
    await page.mouse.move(x, p.y + p.height / 2);
    const readout = page.locator('.time-ruler .cursor-time');
    await expect.poll(() => readout.textContent()).toMatch(/^2026-04-02 1\d:\d\d/);
    const r = (await readout.boundingBox())!;
    expect(r.x).toBeLessThan(x);
    expect(r.x + r.width).toBeGreaterThan(x);
    expect(await inView('.time-ruler .cursor-time')).toBe(true);
    await page.mouse.move(0, 0);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    // As the tests after this one found the page: its plots laid out at 1400 px again (a ResizeObserver's).
    await expect.poll(plotWidth).toBe(wide);
  });

  it('labels markers without overlap: no two labels on the first chart intersect, at 1400 and at 1280 px', async () => {
    let plotWidth = 0;
    for (const width of [1400, 1280]) {
      await page.setViewportSize({ width, height: 1000 });
      // The plot follows the window (a ResizeObserver), and the labels the plot.
      const wider = plotWidth;
      await expect.poll(async () => (plotWidth = await page.locator('.timeline-chart .u-over').first().evaluate((el) => el.clientWidth))).not.toBe(wider);
      const boxes = await page
        .locator('.timeline-chart')
        .first()
        .locator('.marker-label')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
      expect(boxes.length).toBeGreaterThan(0);
      const sorted = boxes.sort((a, b) => a.left - b.left);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].left).toBeGreaterThanOrEqual(sorted[i - 1].right);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it('shows hostile text as text and runs none of it', async () => {
    await page.getByRole('button', { name: /onerror/ }).click();
    const side = page.getByRole('complementary', { name: 'Evidence' });
    await expect.poll(() => side.textContent()).toContain(HOSTILE);
    expect(await side.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
