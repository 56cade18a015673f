import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Tab switches as a person makes them: a real click (mouse input through the browser, not a
 * `click()` in the page) after a pause spent reading, timed by the page's own Event Timing entry for
 * the click — from the input to the next frame presented, as Chrome's INP measures an interaction
 * (in 8 ms steps; under 16 ms Chrome records no entry and the switch counts as 16). The in-page
 * figures of bench/ui (two animation frames after a `click()`) leave out the compositor's raster
 * when its next frame does not wait for it, and their switches come one after another, when the
 * compositor still holds the memory of the last one; these do neither.
 *
 * Beside each switch, the fresh memory Chromium's renderer touched for it (its minor page faults),
 * and what touching fresh memory costs on this machine, measured in this process: where a
 * switch's time goes that the page does not spend itself.
 */

export interface PausedSwitch {
  tab: string;
  firstVisit: boolean;
  ms: number;
  freshMiB: number;
}

const PAGE = 4096;

/** Minor page faults of Chromium's renderer processes, summed (`/proc/PID/stat`, field 10). */
function rendererFaults(): number {
  let faults = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      faults += Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[7]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return faults;
}

/** Milliseconds per MiB to touch memory never touched before (64 MiB, page by page; the median of three). */
export function freshMemoryMsPerMiB(): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const block = Buffer.alloc(64 * 2 ** 20);
    for (let at = 0; at < block.length; at += PAGE) block[at] = 1;
    runs.push((performance.now() - start) / 64);
  }
  return runs.sort((a, b) => a - b)[1];
}

// Page-side code is written as strings: bench/ is type-checked without the DOM library.
const OBSERVE = `window.__clicks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.name === 'click') window.__clicks.push(e.duration); }).observe({ type: 'event', durationThreshold: 16 });`;
const CLICK_DURATION = `new Promise((done) => { const start = performance.now(); const poll = () => window.__clicks.length > 0 ? done(window.__clicks[0]) : performance.now() - start > 1000 ? done(16) : setTimeout(poll, 20); poll(); })`;

/**
 * Every tab of the case's page but the one open at load, twice — the first visits, then the
 * revisits — each after `pauseMs` with nothing done. `page` shows a result no tab of which has been
 * clicked.
 */
export async function switchesAfterPause(page: Page, pauseMs: number): Promise<PausedSwitch[]> {
  await page.evaluate(OBSERVE);
  const tabs = page.getByRole('tablist', { name: 'Case views' }).getByRole('tab');
  const names = await tabs.allTextContents();
  const openAtLoad = await page.getByRole('tab', { selected: true }).textContent();
  const order = [...names.filter((n) => n !== openAtLoad), ...names];
  const seen = new Set([openAtLoad]);
  const out: PausedSwitch[] = [];
  for (const name of order) {
    await page.waitForTimeout(pauseMs);
    const box = await page.getByRole('tablist', { name: 'Case views' }).getByRole('tab', { name, exact: true }).boundingBox();
    if (!box) continue;
    await page.evaluate('window.__clicks = []');
    const before = rendererFaults();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const ms = Number(await page.evaluate(CLICK_DURATION));
    out.push({ tab: name.replace(/ \(\d+\)$/, '').replace(' •', ''), firstVisit: !seen.has(name), ms, freshMiB: ((rendererFaults() - before) * PAGE) / 2 ** 20 });
    seen.add(name);
  }
  return out;
}
