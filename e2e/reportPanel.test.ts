import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../analyzers/case/caseResult';
import { buildReport } from '../analyzers/report/buildReport';
import { bytes } from '../analyzers/core/units';
import { analyze, heapSnapshots, incidentFiles } from '../analyzers/report/tests/caseFixtures';
import { renderExport } from '../analyzers/report/renderExport';
import { launchChromium } from './browser';
import { bundlePanelHarness } from './panelHarness';

describe('ReportPanel in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let result: CaseResult;
  let outDir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    result = await analyze([...incidentFiles('memory-leak'), ...heapSnapshots()], { anchorDate: '2026-03-14', memoryLimitBytes: bytes(8 * 2 ** 30) });
    // ReportPanel alone (the lead mounts it in the app), with an API that records the exports.
    const harness = await bundlePanelHarness('report-panel', join(__dirname, 'reportPanel', 'harness.tsx'), result);
    outDir = harness.outDir;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(harness.url);
    await page.locator('article.report').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the report, takes edits, and sends them with the export', async () => {
    const generated = buildReport(result);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(generated.title);
    expect(await page.locator('.report-chart svg path').count()).toBe(generated.charts?.charts.length);

    await page.getByLabel('Title', { exact: true }).fill('Game server OOM kills, 2–3 March');
    await page.getByLabel('Owner of action 1', { exact: true }).fill('ana');
    await page.getByLabel('Priority of action 1', { exact: true }).selectOption('P0');
    await page.getByLabel('Why 5').fill('No alert on memory growth, only on the 85 % threshold.');
    const firstNote = page.getByLabel(/^Note for /).first();
    await firstNote.fill('friend system rolled out to 100 %');
    await page.getByRole('button', { name: 'Add an action item' }).click();
    await page.getByLabel(`Action ${generated.actionItems.length + 1}`, { exact: true }).fill('Alert on sustained RSS growth');
    await page.screenshot({ path: join(outDir, 'e2e-report-panel.png'), fullPage: true });

    await page.getByRole('button', { name: 'Download JSON' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved report.json');
    const [request] = await page.evaluate(() => window.exportRequests);
    expect(request).toMatchObject({ jobId: 'job-1', format: 'json', content: 'report' });
    const edits = request.edits ?? {};
    expect(edits.title).toBe('Game server OOM kills, 2–3 March');
    expect(edits.actionItems?.[0]).toMatchObject({ owner: 'ana', priority: 'P0', text: generated.actionItems[0].text });
    expect(edits.actionItems?.at(-1)).toMatchObject({ text: 'Alert on sustained RSS growth' });
    expect(edits.fiveWhys?.[4]).toBe('No alert on memory growth, only on the 85 % threshold.');
    expect(Object.values(edits.timelineNotes ?? {})).toEqual(['friend system rolled out to 100 %']);

    // What the host writes for that request is what the panel showed.
    const exported = JSON.parse(String((await renderExport(result, { ...request, format: 'json' })).data)) as ReturnType<typeof buildReport>;
    expect(exported.title).toBe('Game server OOM kills, 2–3 March');
    expect(exported.actionItems[0].owner).toBe('ana');
    expect(exported.timeline.find((e) => e.note !== '')?.note).toBe('friend system rolled out to 100 %');
    expect(await page.getByText(/edited: title, fiveWhys, actionItems, timelineNotes/).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
