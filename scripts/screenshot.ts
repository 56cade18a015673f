// Screenshots of the UI on real samples, one per result tab: how the README's picture is made
// (`node --import tsx scripts/screenshot.ts docs --tab Timeline samples/incidents/memory-leak/* …`), and a quick look during development.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from '../e2e/browser';
import { startServe } from '../e2e/serveProcess';

/** `only`: one tab, cropped to the window (the README's picture); otherwise every tab, full page. */
async function main(outDir: string, files: string[], only?: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const serve = await startServe(files.map((f) => resolve(f)));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    await page.goto(serve.url);
    await page.getByRole('tab').first().waitFor({ timeout: 300_000 });
    const tabs = await page.getByRole('tab').allTextContents();
    for (const [i, title] of tabs.entries()) {
      if (only && !title.startsWith(only)) continue;
      await page.getByRole('tab').nth(i).click();
      await page.waitForTimeout(800);
      const name = title.replace(/\s*\(\d+\)$/, '').toLowerCase().replace(/\W+/g, '-');
      const path = join(outDir, `tab-${name}.png`);
      await page.screenshot({ path, fullPage: !only });
      process.stdout.write(`${path}\n`);
    }
  } finally {
    await browser.close();
    await serve.stop();
  }
}

const args = process.argv.slice(2);
const tabFlag = args.indexOf('--tab');
const only = tabFlag >= 0 ? args.splice(tabFlag, 2)[1] : undefined;
const [outDir, ...files] = args;
if (!outDir || files.length === 0) {
  process.stderr.write('usage: node --import tsx scripts/screenshot.ts <out-dir> [--tab <title>] <files…>\n');
  process.exitCode = 2;
} else {
  main(outDir, files, only).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
