import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { heapSnapshots, incidentFiles } from '../analyzers/report/tests/caseFixtures';
import { launchChromium } from '../e2e/browser';
import { ROOT, startServe } from '../e2e/serveProcess';
import { ensureSnapshot } from './heapData';
import { ensure as ensureMetrics } from './timelineData';

/**
 * `npm run bench:ui [-- --no-big]`: drives Chromium against `aftermath serve` as a user would and
 * prints interaction latencies beside the targets (< 50 ms on the demo case, < 100 ms on a
 * week of 1 s samples × 7 metrics). Three cases: the demo (memory-leak incident + the three sample
 * snapshots), the week of metrics, and a generated ≥ 250 MB snapshot (bench/heapData; `--no-big`
 * skips it). Each latency runs from the input (click, key, mouse move) to two animation frames
 * after the view shows the answer, so it includes the CDP round trip (a few ms). Asserts nothing.
 */

const DEMO_TARGET_MS = 50;
const WEEK_TARGET_MS = 100;

interface Row {
  caseName: string;
  interaction: string;
  samples: number[];
  targetMs: number;
}

const rows: Row[] = [];

function record(caseName: string, interaction: string, targetMs: number, ms: number): void {
  let row = rows.find((r) => r.caseName === caseName && r.interaction === interaction);
  if (!row) rows.push((row = { caseName, interaction, samples: [], targetMs }));
  row.samples.push(ms);
}

// Page-side code as strings: bench/ is type-checked without the DOM library.
const frames = (page: Page) => page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))');
/**
 * Waits until the page-side expression `body` (with `arg` bound as `arg`) is true, polling through
 * CDP: waitForFunction evaluates strings with eval, which the app's content security policy forbids.
 */
async function until(page: Page, body: string, arg = ''): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (!(await page.evaluate(`((arg) => ${body})(${JSON.stringify(arg)})`))) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${body}`);
  }
}

/** Milliseconds from `act` to two frames after `settled` resolves. */
async function timed(page: Page, act: () => Promise<unknown>, settled: () => Promise<unknown> = async () => undefined): Promise<number> {
  const t0 = performance.now();
  await act();
  await settled();
  await frames(page);
  return performance.now() - t0;
}

async function open(browser: Browser, files: string[]): Promise<{ page: Page; stop: () => Promise<void>; analysisMs: number }> {
  const t0 = performance.now();
  const serve = await startServe(files);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(serve.url);
  await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 900_000 });
  await page.getByRole('group', { name: 'Analyzing' }).waitFor({ state: 'detached', timeout: 900_000 });
  return { page, stop: () => page.close().then(() => serve.stop()), analysisMs: performance.now() - t0 };
}

async function tabSwitches(page: Page, caseName: string, targetMs: number, rounds = 3): Promise<void> {
  const names = await page.getByRole('tablist', { name: 'Case views' }).getByRole('tab').allTextContents();
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const tab = page.getByRole('tab', { name, exact: true });
      const ms = await timed(page, () => tab.click(), () => until(page, `document.querySelector('[role="tab"][aria-selected="true"]')?.textContent === arg`, name));
      record(caseName, `tab switch: ${name.replace(/ \(\d+\)$/, '').replace(' •', '')}`, targetMs, ms);
    }
  }
}

async function timeline(page: Page, caseName: string, targetMs: number): Promise<void> {
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const chart = page.locator('.timeline-chart svg.recharts-surface').first();
  await chart.waitFor({ timeout: 60_000 });
  const box = await chart.boundingBox();
  if (!box) return;
  for (let i = 1; i <= 20; i++) {
    record(caseName, 'timeline hover', targetMs, await timed(page, () => page.mouse.move(box.x + (box.width * i) / 21, box.y + box.height / 2)));
  }
  const traveller = page.locator('.recharts-brush-traveller').first();
  const t = await traveller.boundingBox();
  if (!t) return;
  await traveller.scrollIntoViewIfNeeded();
  const tb = (await traveller.boundingBox()) ?? t;
  await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 15; i++) {
    record(caseName, 'timeline zoom (brush drag, per move)', targetMs, await timed(page, () => page.mouse.move(tb.x + tb.width / 2 + i * 20, tb.y + tb.height / 2)));
  }
  await page.mouse.up();
}

async function explorer(page: Page, caseName: string, targetMs: number, className: string): Promise<void> {
  await page.getByRole('tab', { name: 'Heap explorer' }).click();
  const region = page.getByRole('region', { name: 'Heap explorer' });
  const classRows = region.getByRole('grid', { name: 'Classes' }).getByRole('row').filter({ has: page.getByRole('gridcell') });
  await classRows.first().waitFor({ timeout: 120_000 });
  const filter = region.getByRole('searchbox', { name: 'Filter classes by name or @id' });
  for (const text of [className, '', className]) {
    // The filter is asked for once typing pauses (150 ms): the figure is from the pause to the rows.
    const ms = await timed(page, () => filter.fill(text), () => until(page, `[...document.querySelectorAll('[aria-label="Classes"] [role="row"] [role="gridcell"]:first-child')].every((c) => c.textContent.toLowerCase().includes(arg.toLowerCase()))`, text));
    record(caseName, 'explorer: class filter (after the 150 ms typing pause)', targetMs, Math.max(0, ms - 150));
  }
  const row = classRows.filter({ has: page.getByRole('gridcell', { name: className, exact: true }) });
  const list = region.getByRole('listbox', { name: `${className} objects` });
  record(caseName, 'explorer: open a class (first objects)', targetMs, await timed(page, () => row.click(), () => list.getByRole('option').filter({ hasText: '@' }).first().waitFor()));
  await list.getByRole('option').first().focus();
  record(caseName, 'explorer: End in the object list (last page)', targetMs, await timed(page, () => page.keyboard.press('End'), () => until(page, `/@\\d+/.test(document.activeElement?.textContent ?? '')`)));
  await page.keyboard.press('Home');
  const details = region.getByRole('region', { name: /^Object / });
  record(caseName, 'explorer: select an object (retainers, references, path)', targetMs, await timed(page, () => page.keyboard.press('Enter'), () => details.getByRole('tree', { name: 'Retainers' }).getByRole('treeitem').first().waitFor({ timeout: 60_000 })));
  const refs = details.getByRole('tree', { name: 'References' });
  await refs.getByRole('treeitem').first().waitFor();
  const expandable = refs.locator('[role="treeitem"][aria-expanded="false"]').first();
  await expandable.focus();
  record(caseName, 'explorer: expand a reference', targetMs, await timed(page, () => page.keyboard.press('ArrowRight'), () => refs.locator('[aria-level="2"]').first().waitFor()));
  const id = /@(\d+)/.exec((await list.getByRole('option').nth(1).locator('.xname').textContent()) ?? '')?.[1];
  if (id) {
    const ms = await timed(page, () => filter.fill(`@${id}`), () => region.getByRole('region', { name: new RegExp(`@${id}$`) }).waitFor());
    record(caseName, 'explorer: find by @id (after the 150 ms typing pause)', targetMs, Math.max(0, ms - 150));
  }
  const tree = region.getByRole('tree', { name: 'Dominator tree' });
  record(caseName, 'explorer: dominator tree (root)', targetMs, await timed(page, () => region.getByRole('radio', { name: 'Dominators' }).click(), () => tree.getByRole('treeitem').first().waitFor({ timeout: 60_000 })));
  record(caseName, 'explorer: expand a dominator', targetMs, await timed(page, () => tree.locator('[role="treeitem"][aria-expanded="false"] .twisty').first().click(), () => tree.locator('[aria-level="2"]').first().waitFor()));
  await region.getByRole('radio', { name: 'Summary' }).click();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function print(): void {
  const out = rows.map((r) => {
    const med = median(r.samples);
    const max = Math.max(...r.samples);
    return [r.caseName, r.interaction, String(r.samples.length), med.toFixed(0), max.toFixed(0), `< ${r.targetMs}`, max < r.targetMs ? 'yes' : med < r.targetMs ? 'median only' : 'NO'];
  });
  const head = ['case', 'interaction', 'n', 'median ms', 'max ms', 'target ms', 'within'];
  const widths = head.map((h, i) => Math.max(h.length, ...out.map((o) => o[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(head));
  for (const o of out) console.log(line(o));
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  const browser = await launchChromium();
  try {
    {
      const demo = await open(browser, [...incidentFiles('memory-leak'), ...heapSnapshots()]);
      console.log(`demo case analyzed and shown in ${(demo.analysisMs / 1000).toFixed(1)} s`);
      await tabSwitches(demo.page, 'demo', DEMO_TARGET_MS);
      await timeline(demo.page, 'demo', DEMO_TARGET_MS);
      await explorer(demo.page, 'demo', DEMO_TARGET_MS, 'Player');
      await demo.stop();
    }
    {
      const week = await open(browser, [await ensureMetrics(604_800, 'csv')]);
      console.log(`week of 1 s × 7 metrics analyzed and shown in ${(week.analysisMs / 1000).toFixed(1)} s`);
      await tabSwitches(week.page, 'week × 7 metrics', WEEK_TARGET_MS);
      await timeline(week.page, 'week × 7 metrics', WEEK_TARGET_MS);
      await week.stop();
    }
    if (!process.argv.includes('--no-big')) {
      const path = ensureSnapshot({ sessionsPerPhase: 100_000, residents: 2000, tickEvery: 1000 });
      const big = await open(browser, [path]);
      console.log(`${path} analyzed and shown in ${(big.analysisMs / 1000).toFixed(1)} s`);
      await explorer(big.page, '250 MB+ snapshot', WEEK_TARGET_MS, 'Player');
      await big.stop();
    }
  } catch (e) {
    console.error('the run stopped early; the figures measured so far follow:', e);
  } finally {
    await browser.close();
  }
  print();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
