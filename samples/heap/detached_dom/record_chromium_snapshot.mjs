// Records samples/heap/detached_dom/chat-detached.heapsnapshot.gz: loads chat.html in headless
// Chromium, clicks "send" LEAKED_MESSAGES + VISIBLE_MESSAGES times (both read from chat.js through
// window.fixture), forces a GC and streams a heap snapshot over the DevTools protocol.
// Usage (from the repository root): node samples/heap/detached_dom/record_chromium_snapshot.mjs [out.heapsnapshot.gz]
import { createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'chat-detached.heapsnapshot.gz'));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(here, 'chat.html')).href);
  const { LEAKED_MESSAGES, VISIBLE_MESSAGES } = await page.evaluate(() => window.fixture);
  for (let i = 0; i < LEAKED_MESSAGES + VISIBLE_MESSAGES; i++) await page.click('#send');
  const stats = await page.evaluate(() => window.chatStats());
  if (stats.attached !== VISIBLE_MESSAGES || stats.cached !== LEAKED_MESSAGES + VISIBLE_MESSAGES) throw new Error(`unexpected page state ${JSON.stringify(stats)}`);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  // The page's URL is the only machine-specific string; a few MB fit in memory, so replace it whole
  // (chunk boundaries could split it).
  const snapshot = chunks.join('').replaceAll(pathToFileURL(here).href, 'file:///fixture');
  const gzip = createGzip({ level: 9 });
  const file = createWriteStream(out);
  gzip.pipe(file);
  gzip.end(snapshot);
  await new Promise((ok, fail) => file.on('finish', ok).on('error', fail));
  console.log(`${out}: ${JSON.stringify(stats)}, ${browser.version()}`);
} finally {
  await browser.close();
}
