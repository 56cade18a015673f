import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../analyzers/report/buildReport';
import { htmlReport } from '../analyzers/report/htmlReport';
import type { RcaReport } from '../analyzers/report/reportModel';
import { bytes } from '../analyzers/core/units';
import { analyze, heapSnapshots, incidentFiles } from '../analyzers/report/tests/caseFixtures';
import { evilCase, evilEdits, PAYLOADS } from '../analyzers/report/tests/evilCase';
import { launchChromium } from './browser';
import { ROOT } from './serveProcess';

const ARTIFACTS = join(ROOT, 'test-artifacts');

/** Opens an exported report from disk, as a user would, recording dialogs and any network request. */
async function openReport(browser: Browser, name: string, html: string): Promise<{ page: Page; dialogs: string[]; requests: string[]; errors: string[] }> {
  const path = join(ARTIFACTS, name);
  writeFileSync(path, html);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const dialogs: string[] = [];
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, dialogs, requests, errors };
}

describe('the HTML report opened in Chromium', () => {
  let browser: Browser;
  let report: RcaReport;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    // The memory-leak meltdown: two days of metrics, events and kernel log, plus the heap snapshots.
    const options = { anchorDate: '2026-03-14', memoryLimitBytes: bytes(8 * 2 ** 30) };
    report = buildReport(await analyze([...incidentFiles('memory-leak'), ...heapSnapshots()], options));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders every metric chart as SVG with a drawn line, event markers and detection bands', async () => {
    const { page, requests, errors } = await openReport(browser, 'e2e-report.html', htmlReport(report));
    // The metric charts; the heap's class trends are charts of captures, not of time (svg.chart.trend).
    const charts = await page.locator('svg.chart:not(.trend)').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const line = svg.querySelector<SVGPathElement>('path.series');
        const box = svg.getBoundingClientRect();
        return {
          label: svg.getAttribute('aria-label') ?? '',
          lineLength: line ? line.getTotalLength() : 0,
          lineWidth: line ? line.getBBox().width : 0,
          markers: svg.querySelectorAll('line.marker').length,
          bands: svg.querySelectorAll('rect.band').length,
          height: box.height,
        };
      }),
    );
    expect(charts.map((c) => c.label)).toEqual(report.charts?.charts.map((c) => (c.unit ? `${c.title} (${c.unit})` : c.title)));
    const { markers = [], bands = [], domain } = report.charts ?? {};
    const inDomain = (t: number) => domain !== undefined && t >= domain.startMs && t <= domain.endMs;
    expect(Math.max(...charts.map((c) => c.markers))).toBe(markers.filter((m) => inDomain(m.atMs)).length);
    expect(Math.max(...charts.map((c) => c.bands))).toBe(bands.filter((b) => inDomain(b.startMs) || inDomain(b.endMs)).length);
    for (const c of charts) {
      expect(c.lineLength).toBeGreaterThan(100);
      expect(c.lineWidth).toBeGreaterThan(100);
      expect(c.height).toBeGreaterThan(50);
      expect(c.markers).toBeGreaterThan(0);
      expect(c.bands).toBeGreaterThan(0);
    }
    expect(await page.locator('h1').textContent()).toBe(report.title);
    expect(await page.locator('.cause h3').first().textContent()).toContain(report.rootCauses[0].label);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-report-html.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-report-html-print.png'), fullPage: true });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs nothing from crafted names, frames, event titles and edits, and shows them as text', async () => {
    const c = evilCase();
    const evil = buildReport(c, evilEdits(buildReport(c).timeline[0].key));
    const { page, dialogs, requests } = await openReport(browser, 'e2e-report-injection.html', htmlReport(evil));
    const dom = await page.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        scripts: document.querySelectorAll('script, img, iframe, object, embed').length,
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
        hrefs: [...document.querySelectorAll('[href]')].map((a) => a.getAttribute('href') ?? ''),
        h1: document.querySelector('h1')?.textContent ?? '',
        svgTitles: [...document.querySelectorAll('svg.chart')].map((s) => s.getAttribute('aria-label') ?? ''),
      };
    });
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(dom.scripts).toBe(0);
    expect(dom.handlers).toEqual([]);
    for (const h of dom.hrefs) expect(h).toMatch(/^#f-/);
    expect(dom.h1).toBe(PAYLOADS[0]);
    for (const t of dom.svgTitles) expect(t).toContain(PAYLOADS[3]);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-report-injection.png') });
    await page.close();
  });
});
