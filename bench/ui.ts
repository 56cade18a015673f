import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { heapSnapshots, incidentFiles } from '../analyzers/report/tests/caseFixtures';
import { launchChromium } from '../e2e/browser';
import { resultShown } from './resultShown';
import { freshMemoryMsPerMiB, switchesAfterPause } from './uiAfterPause';
import { ROOT, startServe } from '../e2e/serveProcess';
import { ensureSnapshot } from './heapData';
import { ensure as ensureMetrics } from './timelineData';

/**
 * `npm run bench:ui [-- --no-big | --big-only | --explorer-only] [-- --samples]`: drives Chromium against `aftermath serve` as a user would and
 * prints interaction latencies beside the targets (< 50 ms on the demo case, < 100 ms on a
 * week of 1 s samples × 7 metrics). Three cases: the demo (memory-leak incident + the three sample
 * snapshots), the week of metrics, and a generated ≥ 250 MB snapshot (bench/heapData; `--no-big`
 * skips it). Each latency is timed in the page, from the input (a click, key or mouse event
 * dispatched there) to two animation frames after the view shows the answer; and tab switches as a
 * person makes them — a real click after a pause, timed from the input to the frame presented
 * (bench/uiAfterPause), with the fresh memory the renderer touched for each. Asserts nothing.
 * `--explorer-only`: the demo's heap explorer alone, ten rounds (to compare builds in the same minutes).
 * `--samples`: every sample of each row after the table, in the order measured.
 */

const DEMO_TARGET_MS = 50;
const WEEK_TARGET_MS = 100;

interface Row {
  caseName: string;
  interaction: string;
  samples: number[];
  targetMs: number;
  /** For switches after a pause: the fresh memory Chromium's renderer touched for each sample. */
  freshMiB: number[];
}

const rows: Row[] = [];

function record(caseName: string, interaction: string, targetMs: number, ms: number, freshMiB?: number): void {
  let row = rows.find((r) => r.caseName === caseName && r.interaction === interaction);
  if (!row) rows.push((row = { caseName, interaction, samples: [], targetMs, freshMiB: [] }));
  row.samples.push(ms);
  if (freshMiB !== undefined) row.freshMiB.push(freshMiB);
}

// Page-side code is written as strings: bench/ is type-checked without the DOM library.

/**
 * Runs `action` in the page and returns the milliseconds, measured in the page, until `done` holds
 * and two animation frames have passed (the answer is on screen). `arg` is bound as `arg` in both.
 * Timing inside the page leaves out the CDP round trips and Playwright's actionability waits.
 */
async function inPage(page: Page, action: string, done = 'true', arg = ''): Promise<number> {
  return page.evaluate(`(async (arg) => {
    const t0 = performance.now();
    ${action};
    while (!(${done})) {
      if (performance.now() - t0 > 120000) throw new Error('timed out waiting for ' + ${JSON.stringify(done)});
      await new Promise((r) => setTimeout(r, 0));
    }
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  })(${JSON.stringify(arg)})`);
}

/** Every case's stop: a step that throws must not leave serve and its analysis process running (the bench would not end). */
const openCases: (() => Promise<void>)[] = [];

interface OpenCase {
  page: Page;
  /** Another page on the same case, its result shown and no tab clicked. */
  another: () => Promise<Page>;
  stop: () => Promise<void>;
  analysisMs: number;
}

async function shown(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 900_000 });
  await resultShown(page, 900_000);
  return page;
}

async function open(browser: Browser, files: string[]): Promise<OpenCase> {
  const t0 = performance.now();
  const serve = await startServe(files);
  const pages = [await shown(browser, serve.url)];
  const analysisMs = performance.now() - t0;
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= Promise.all(pages.map((p) => p.close())).then(() => serve.stop()));
  openCases.push(stop);
  const another = async () => {
    pages.push(await shown(browser, serve.url));
    return pages[pages.length - 1];
  };
  return { page: pages[0], another, stop, analysisMs };
}

const PAUSE_MS = 3000;

/** Every tab's first visit and revisit after a pause, clicked as a person clicks (bench/uiAfterPause), on a page of its own. */
async function pausedSwitches(open: OpenCase, caseName: string, targetMs: number): Promise<void> {
  for (const s of await switchesAfterPause(await open.another(), PAUSE_MS)) {
    record(caseName, `tab switch after a ${PAUSE_MS / 1000} s pause, real click: ${s.tab} (${s.firstVisit ? 'first visit' : 'revisit'})`, targetMs, s.ms, s.freshMiB);
  }
}

const TAB = `[...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent === arg)`;
const SELECTED_TAB = `document.querySelector('[role="tab"][aria-selected="true"]')?.textContent === arg`;
/** Types `arg` into the element `el` as a person would (React listens to input events). */
const type = (el: string) =>
  `{ const input = ${el}; Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, arg); input.dispatchEvent(new Event('input', { bubbles: true })); }`;
const key = (el: string, name: string) => `${el}.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(name)}, bubbles: true }))`;
// movementX: uPlot ignores a move of no distance during a drag (a stray event Chrome sends on focus).
const mouse = (kind: string, x: string, y: string) =>
  `document.querySelector('.timeline-chart .u-over').dispatchEvent(new MouseEvent(${JSON.stringify(kind)}, { clientX: ${x}, clientY: ${y}, movementX: 1, bubbles: true }))`;
const RANGE_TEXT = `document.querySelector('.timeline-toolbar span.muted').textContent`;

/**
 * Every tab, `rounds` times over: the first visit (the view is built; the tab open at load has none)
 * apart from coming back (the app keeps a visited view mounted).
 */
async function tabSwitches(page: Page, caseName: string, targetMs: number, rounds = 3): Promise<void> {
  const names = await page.getByRole('tablist', { name: 'Case views' }).getByRole('tab').allTextContents();
  const openAtLoad = await page.getByRole('tab', { selected: true }).textContent();
  const shown = `${SELECTED_TAB} && document.querySelector('[role="tabpanel"]:not([hidden])')?.children.length > 0`;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      if (round === 0 && name === openAtLoad) continue;
      const ms = await inPage(page, `${TAB}.click()`, shown, name);
      record(caseName, `tab switch: ${name.replace(/ \(\d+\)$/, '').replace(' •', '')} (${round === 0 ? 'first visit' : 'revisit'})`, targetMs, ms);
    }
  }
}

async function timeline(page: Page, caseName: string, targetMs: number): Promise<void> {
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const chart = page.locator('.timeline-chart .u-over').first();
  await chart.waitFor({ timeout: 60_000 });
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) return;
  const y = String(box.y + box.height / 2);
  for (let i = 1; i <= 20; i++) record(caseName, 'timeline hover (cursor on every chart)', targetMs, await inPage(page, mouse('mousemove', String(box.x + (box.width * i) / 21), y)));
  // Drag-select: every move redraws the selection on every chart; the release zooms.
  await inPage(page, mouse('mousedown', String(box.x + box.width * 0.3), y));
  for (let i = 1; i <= 10; i++) record(caseName, 'timeline drag-select (per move)', targetMs, await inPage(page, mouse('mousemove', String(box.x + box.width * (0.3 + i * 0.03)), y)));
  const before = await page.evaluate(RANGE_TEXT);
  record(caseName, 'timeline zoom (drag-select release)', targetMs, await inPage(page, mouse('mouseup', String(box.x + box.width * 0.6), y), `${RANGE_TEXT} !== arg`, String(before)));
  const charts = `document.querySelector('.timeline-charts')`;
  for (const [label, name] of [['zoom in (key +)', '+'], ['pan (key ←)', 'ArrowLeft'], ['pan (key →)', 'ArrowRight'], ['zoom out (key −)', '-'], ['show all (key 0)', '0']] as const) {
    // Zoomed in first, so that three pans either way and three zooms out each change the range.
    for (let i = 0; i < (name === '0' ? 1 : 3); i++) {
      const was = String(await page.evaluate(RANGE_TEXT));
      record(caseName, `timeline ${label}`, targetMs, await inPage(page, key(charts, name), `${RANGE_TEXT} !== arg || ${JSON.stringify(name)} === '0'`, was));
    }
  }
}

async function explorer(page: Page, caseName: string, targetMs: number, className: string, round = 0): Promise<void> {
  await page.getByRole('tab', { name: 'Heap explorer' }).click();
  const region = page.getByRole('region', { name: 'Heap explorer' });
  await region.getByRole('grid', { name: 'Classes' }).getByRole('row').nth(1).waitFor({ timeout: 300_000 });
  const filter = `document.querySelector('input[aria-label="Filter classes by name or @id"]')`;
  const classCells = `[...document.querySelectorAll('[aria-label="Classes"] [role="row"] [role="gridcell"]:first-child')]`;
  for (const text of [className, '', className]) {
    // The filter is asked for once typing pauses (150 ms): the figure is from the pause to the rows.
    const ms = await inPage(page, type(filter), `${classCells}.length > 0 && ${classCells}.every((c) => c.textContent.toLowerCase().includes(arg.toLowerCase()))`, text);
    record(caseName, 'explorer: class filter (after the 150 ms typing pause)', targetMs, Math.max(0, ms - 150));
  }
  const options = `[...document.querySelectorAll('[role="listbox"] [role="option"]')]`;
  record(caseName, 'explorer: open a class (first objects)', targetMs, await inPage(page, `${classCells}.find((c) => c.textContent === arg).parentElement.click()`, `${options}.some((o) => o.textContent.includes('@'))`, className));
  await page.evaluate(`${options}[0].focus()`);
  record(caseName, 'explorer: End in the object list (last page)', targetMs, await inPage(page, key('document.activeElement', 'End'), `/@\\d+/.test(document.activeElement.textContent) && document.activeElement.dataset.index !== '0'`));
  await page.evaluate(`${options}[0].focus()`);
  const tree = (name: string) => `document.querySelector('[role="tree"][aria-label="${name}"]')`;
  // Shown: the object's retainers, references and the path that keeps it alive (each its own query).
  const details = (region: string) =>
    `${region}?.querySelector('.why-alive') && ${region}.querySelector('[role="tree"][aria-label="Retainers"] [role="treeitem"]') && ${region}.querySelector('[role="tree"][aria-label="References"] [role="treeitem"]')`;
  record(caseName, 'explorer: select an object (retainers, references, path)', targetMs, await inPage(page, key('document.activeElement', 'Enter'), details(`document.querySelector('[role="region"][aria-label^="Object "]')`)));
  // A row clicked with no focus or hover first (nothing asked ahead): the round trip's share. Another row each round.
  const objectRegion = `document.querySelector('[role="region"][aria-label="Object ' + ${options}[arg].querySelector('.xname').textContent + '"]')`;
  record(caseName, 'explorer: click an object not asked ahead', targetMs, await inPage(page, `${options}[arg].click()`, details(objectRegion), String(3 + round)));
  // The first row's own panel, not the one still shown while its answer is on the way.
  const first = await page.evaluate<string>(`${options}[0].querySelector('.xname').textContent`);
  await page.evaluate(`${options}[0].click()`);
  await page.getByRole('region', { name: `Object ${first}`, exact: true }).getByRole('tree', { name: 'References' }).getByRole('treeitem').first().waitFor();
  await page.evaluate(`${tree('References')}.querySelector('[aria-expanded="false"]').focus()`);
  record(caseName, 'explorer: expand a reference', targetMs, await inPage(page, key('document.activeElement', 'ArrowRight'), `${tree('References')}.querySelector('[aria-level="2"]')`));
  // Another object each round: an answer the page kept would measure nothing.
  const id = /@(\d+)/.exec((await region.getByRole('listbox').getByRole('option').nth(1 + round).locator('.xname').textContent()) ?? '')?.[1];
  if (id) {
    const ms = await inPage(page, type(filter), details(`document.querySelector('[role="region"][aria-label$="@' + arg.slice(1) + '"]')`), `@${id}`);
    record(caseName, 'explorer: find by @id (after the 150 ms typing pause)', targetMs, Math.max(0, ms - 150));
  }
  const radio = (name: string) => `[...document.querySelectorAll('[role="radio"]')].find((r) => r.textContent === '${name}')`;
  record(caseName, 'explorer: dominator tree (root)', targetMs, await inPage(page, `${radio('Dominators')}.click()`, `${tree('Dominator tree')}?.querySelector('[role="treeitem"]')`));
  record(caseName, 'explorer: expand a dominator', targetMs, await inPage(page, `${tree('Dominator tree')}.querySelector('[aria-expanded="false"] .twisty').click()`, `${tree('Dominator tree')}.querySelector('[aria-level="2"]')`));
  await page.evaluate(`${radio('Summary')}.click()`);
  // Away and back: the next round opens a new explorer (the analysis process keeps what it sorted).
  await page.getByRole('tablist', { name: 'Case views' }).getByRole('tab').first().click();
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
  const fresh = rows.flatMap((r) => r.freshMiB);
  if (fresh.length > 0) {
    const cost = freshMemoryMsPerMiB();
    console.log(
      `switches after a pause: Chromium's renderer touched ${median(fresh).toFixed(1)} MiB of fresh memory for each (median; ${Math.min(...fresh).toFixed(1)}–${Math.max(...fresh).toFixed(1)}); ` +
        `fresh memory costs ${cost.toFixed(2)} ms/MiB on this machine, so ≈ ${(median(fresh) * cost).toFixed(0)} ms of such a switch is the first touch of its memory`,
    );
  }
  // Which round a maximum came from (the first, on code not compiled yet, or any).
  if (process.argv.includes('--samples')) for (const r of rows) console.log(`${r.caseName} / ${r.interaction}: ${r.samples.map((x) => x.toFixed(0)).join(' ')}`);
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  // Built every run: a bundle left from an earlier checkout would measure yesterday's UI.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  const browser = await launchChromium();
  try {
    const bigOnly = process.argv.includes('--big-only');
    const explorerOnly = process.argv.includes('--explorer-only');
    if (explorerOnly) {
      const demo = await open(browser, [...incidentFiles('memory-leak'), ...heapSnapshots()]);
      for (let round = 0; round < 10; round++) await explorer(demo.page, 'demo', DEMO_TARGET_MS, 'Player', round);
      await demo.stop();
    }
    if (!bigOnly && !explorerOnly) {
      const demo = await open(browser, [...incidentFiles('memory-leak'), ...heapSnapshots()]);
      console.log(`demo case analyzed and shown in ${(demo.analysisMs / 1000).toFixed(1)} s`);
      await tabSwitches(demo.page, 'demo', DEMO_TARGET_MS);
      await pausedSwitches(demo, 'demo', DEMO_TARGET_MS);
      await timeline(demo.page, 'demo', DEMO_TARGET_MS);
      // Three rounds, as for the tab switches: one sample of each query says little on a busy machine.
      for (let round = 0; round < 3; round++) await explorer(demo.page, 'demo', DEMO_TARGET_MS, 'Player', round);
      await demo.stop();
    }
    if (!bigOnly && !explorerOnly) {
      const week = await open(browser, [await ensureMetrics(604_800, 'csv')]);
      console.log(`week of 1 s × 7 metrics analyzed and shown in ${(week.analysisMs / 1000).toFixed(1)} s`);
      await tabSwitches(week.page, 'week × 7 metrics', WEEK_TARGET_MS);
      await pausedSwitches(week, 'week × 7 metrics', WEEK_TARGET_MS);
      await timeline(week.page, 'week × 7 metrics', WEEK_TARGET_MS);
      await week.stop();
    }
    if (!process.argv.includes('--no-big') && !explorerOnly) {
      const path = ensureSnapshot({ sessionsPerPhase: 100_000, residents: 2000, tickEvery: 1000 });
      const big = await open(browser, [path]);
      console.log(`${path} analyzed and shown in ${(big.analysisMs / 1000).toFixed(1)} s`);
      await explorer(big.page, '250 MB+ snapshot', WEEK_TARGET_MS, 'Player');
      await big.stop();
    }
  } catch (e) {
    console.error('the run stopped early; the figures measured so far follow:', e);
  } finally {
    for (const stop of openCases) await stop().catch(() => undefined);
    await browser.close();
  }
  print();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
