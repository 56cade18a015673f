import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { heapSnapshots, incidentFiles } from '../analyzers/report/tests/caseFixtures';
import { launchChromium } from '../e2e/browser';
import { resultShown } from './resultShown';
import { ensure as ensureMetrics } from './timelineData';

/**
 * `node --import tsx bench/uiFirstVisit.ts [--case demo|week] [--rounds N] [--first Timeline,Heap [--only]]
 * [--settle MS] [--trace] [--profile DIR] ROOT...`: every tab's first visit, a new page each round, for one or more
 * checkouts (each built beforehand with `npx electron-vite build`, served by its own `aftermath serve`),
 * interleaved so that the machine's load falls on them alike: bench:ui sees each first visit once a
 * run. Timed in the page as bench/ui times it: input to two animation frames after the view is there;
 * also how many of the Timeline's charts are drawn at the first frame (a uPlot canvas or its first draw). `--trace` adds the renderer's
 * thread CPU over each visit (a Chromium trace; it slows the visit), `--profile DIR` writes each
 * visit's CPU profile (or trace) to DIR. `--settle MS` (default 300): the wait between the result shown
 * and the first click; 0 clicks as bench:ui does, while the panels are still being mounted ahead.
 * Prints the median and every sample per checkout.
 */

interface Served {
  root: string;
  url: string;
  stop: () => void;
}

function serve(root: string, files: string[]): Promise<Served> {
  const child = spawn(process.execPath, [join(root, 'bin', 'aftermath.mjs'), 'serve', ...files], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((done, fail) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m) done({ root, url: m[1], stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`serve in ${root} exited with ${code}:\n${output}`)));
  });
}

const SHOWN = `document.querySelector('[role="tab"][aria-selected="true"]')?.textContent === arg && document.querySelector('[role="tabpanel"]:not([hidden])')?.children.length > 0`;
const TAB = `[...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent === arg)`;

function visit(page: Page, name: string): Promise<number> {
  return page.evaluate(`(async (arg) => {
    const t0 = performance.now();
    ${TAB}.click();
    while (!(${SHOWN})) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(r));
    window.chartsAtFirstFrame = document.querySelectorAll('[role="tabpanel"]:not([hidden]) .timeline-plot :is(canvas, svg.first-draw)').length;
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  })(${JSON.stringify(name)})`);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Thread CPU (ms) of the renderer's main, compositor and raster threads over the trace: top-level tasks' thread durations. */
function rendererCpu(json: string): number {
  const parsed = JSON.parse(json) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const counted = /^(CrRendererMain|Compositor|CompositorTileWorker|ThreadPoolForegroundWorker)/;
  let total = 0;
  const end = new Map<string, number>();
  for (const e of [...events].filter((x) => x.ph === 'X' && x.tdur !== undefined).sort((a, b) => a.ts - b.ts)) {
    const thread = `${e.pid}:${e.tid}`;
    if (!counted.test(threads.get(thread) ?? '') || e.ts < (end.get(thread) ?? 0)) continue;
    end.set(thread, e.ts + (e.dur ?? 0));
    total += e.tdur ?? 0;
  }
  return total / 1000;
}

/** `first`: these tabs are visited first, in that order (a page's first tab switch may pay for more than its view); `only`: no others. */
interface Order {
  first: string[];
  only: boolean;
}

async function firstVisits(browser: Browser, s: Served, order: Order, settleMs: number, profileDir: string | undefined, tag: string): Promise<Map<string, number>> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(s.url);
  await page.getByRole('tablist', { name: 'Case views' }).waitFor({ timeout: 600_000 });
  await resultShown(page, 600_000);
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  const all = await page.getByRole('tablist', { name: 'Case views' }).getByRole('tab').allTextContents();
  const { first, only } = order;
  const rank = (n: string) => {
    const i = first.findIndex((f) => n.startsWith(f));
    return i < 0 ? first.length : i;
  };
  const names = [...all].sort((a, b) => rank(a) - rank(b)).filter((n) => !only || rank(n) < first.length);
  const openAtLoad = await page.getByRole('tab', { selected: true }).textContent();
  const cdp = profileDir && !process.argv.includes('--trace') ? await page.context().newCDPSession(page) : undefined;
  if (cdp) await cdp.send('Profiler.enable');
  const out = new Map<string, number>();
  for (const name of names) {
    if (name === openAtLoad) continue;
    if (cdp) {
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const tracing = process.argv.includes('--trace');
    if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute', 'toplevel', 'cc'] });
    const ms = await visit(page, name);
    if (tracing) {
      const trace = await browser.stopTracing();
      if (profileDir) writeFileSync(join(profileDir, `${tag}-${name.replace(/\W+/g, '_')}.trace.json`), trace);
      out.set(`${name.replace(/ \(\d+\)$/, '').replace(' •', '')} cpu`, rendererCpu(trace.toString()));
    }
    if (cdp && profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(join(profileDir, `${tag}-${name.replace(/\W+/g, '_')}.cpuprofile`), JSON.stringify(profile));
    }
    out.set(name.replace(/ \(\d+\)$/, '').replace(' •', ''), ms);
    if (name === 'Timeline') out.set('Timeline charts drawn at the first frame', Number(await page.evaluate('window.chartsAtFirstFrame')));
    await page.waitForTimeout(100);
  }
  await page.close();
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--trace' && a !== '--only');
  const take = (flag: string) => {
    const i = args.indexOf(flag);
    return i < 0 ? undefined : args.splice(i, 2)[1];
  };
  const rounds = Number(take('--rounds') ?? 5);
  const profileDir = take('--profile');
  const settleMs = Number(take('--settle') ?? 300);
  const which = take('--case') ?? 'demo';
  const order: Order = { first: (take('--first') ?? '').split(',').filter(Boolean), only: process.argv.includes('--only') };
  const roots = args.map((r) => resolve(r));
  const files = which === 'week' ? [await ensureMetrics(604_800, 'csv')] : [...incidentFiles('memory-leak'), ...heapSnapshots()];
  const served = await Promise.all(roots.map((r) => serve(r, files)));
  const browser = await launchChromium();
  const samples = new Map<string, Map<string, number[]>>();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const s of round % 2 === 0 ? served : [...served].reverse()) {
        const got = await firstVisits(browser, s, order, settleMs, profileDir, `${roots.indexOf(s.root)}-${round}`);
        const mine = samples.get(s.root) ?? new Map<string, number[]>();
        samples.set(s.root, mine);
        for (const [tab, ms] of got) mine.set(tab, [...(mine.get(tab) ?? []), ms]);
      }
    }
  } finally {
    await browser.close();
    for (const s of served) s.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [root, tabs] of samples) {
    console.log(`${which} ${root}`);
    for (const [tab, xs] of tabs) console.log(`  ${tab.padEnd(16)} median ${median(xs).toFixed(0).padStart(4)}  [${xs.map((x) => x.toFixed(0)).join(' ')}]`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
