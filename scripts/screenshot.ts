// Screenshots of the UI on real samples, one per result tab: how the README's picture is made
// (`node --import tsx scripts/screenshot.ts docs/ samples/…`), and a quick look during development.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from '../e2e/browser';
import { startServe } from '../e2e/serveProcess';

async function main(outDir: string, files: string[]): Promise<void> {
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
      await page.getByRole('tab').nth(i).click();
      await page.waitForTimeout(800);
      const name = title.replace(/\s*\(\d+\)$/, '').toLowerCase().replace(/\W+/g, '-');
      const path = join(outDir, `tab-${name}.png`);
      await page.screenshot({ path, fullPage: true });
      process.stdout.write(`${path}\n`);
    }
  } finally {
    await browser.close();
    await serve.stop();
  }
}

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  process.stderr.write('usage: node --import tsx scripts/screenshot.ts <out-dir> <files…>\n');
  process.exitCode = 2;
} else {
  main(outDir, files).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
