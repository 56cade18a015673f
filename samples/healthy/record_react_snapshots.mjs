// Records three heap snapshots of a real, healthy React 19 + recharts app for the judgment tests
// (issue 10): nothing in it leaks, so the analysis must stay quiet about leaks and cycles. Vite
// (with @vitejs/plugin-react) builds dashboard/, the build is served on 127.0.0.1, opened in
// /usr/bin/chromium through playwright-core and driven through ticks and tab switches; after each of
// three rounds a forced GC and a snapshot over the DevTools protocol (HeapProfiler.takeHeapSnapshot):
// react-dashboard-1/2/3.heapsnapshot.gz (≈ 3.8 MB each, gzipped).
//
// Run (from the repository root): node samples/healthy/record_react_snapshots.mjs <outDir>
// The tests record them once into the git-ignored samples/.recorded/ (analyzers/report/tests/caseFixtures.ts).
/* global window, document -- the page functions run in Chromium */
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(process.argv[2] ?? '.');
const dist = join(outDir, 'dist');
const ROUNDS = 3;
const TICKS_PER_ROUND = 60;
mkdirSync(outDir, { recursive: true });

function gzipTo(name, text) {
  writeFileSync(join(outDir, `${name}.gz`), gzipSync(text, { level: 1 }));
}

await build({ root: join(here, 'dashboard'), base: './', logLevel: 'silent', plugins: [react()], build: { outDir: dist, emptyOutDir: true } });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = join(dist, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'));
  if (!path.startsWith(dist)) return void res.writeHead(403).end();
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path)
    .on('error', () => res.end())
    .pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await page.waitForFunction(() => window.dashboard !== undefined);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let round = 1; round <= ROUNDS; round++) {
    for (let i = 0; i < TICKS_PER_ROUND; i++) {
      await page.evaluate(() => window.dashboard.tick());
      if (i % 25 === 0) await page.click(`#tab-${['memory', 'cpu', 'table'][(i / 25) % 3]}`);
    }
    await page.click('#tab-memory');
    await page.waitForFunction((t) => document.getElementById('tick')?.textContent === `tick ${t}`, round * TICKS_PER_ROUND);
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks = [];
    const onChunk = ({ chunk }) => chunks.push(chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    gzipTo(`react-dashboard-${round}.heapsnapshot`, chunks.join(''));
  }
  console.log(`${outDir}: 3 rounds of the dashboard (${ROUNDS * TICKS_PER_ROUND} ticks) in Chromium ${browser.version()}`);
} finally {
  await browser.close();
  server.close();
  rmSync(dist, { recursive: true, force: true });
}
