import { launchChromium } from '../e2e/browser';
import { startServe } from '../e2e/serveProcess';

export interface UiTiming {
  /** `aftermath serve <files>` started until it printed its address. */
  serveStartMs: number;
  /** The page opened until the Heap tab's summary by constructor shows its first row. */
  pageToSummaryMs: number;
}

/**
 * The browser UI as a user meets it: `aftermath serve <files>` (the compiled CLI when built), Debian's
 * Chromium opening the printed address, the Heap tab, and the time until the summary by constructor
 * shows its first row — the analysis runs in serve's child process as the CLI's does.
 */
export async function timeToFirstSummary(paths: string[]): Promise<UiTiming> {
  const browser = await launchChromium();
  try {
    const started = performance.now();
    const serve = await startServe(paths);
    const serveStartMs = performance.now() - started;
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const opened = performance.now();
      await page.goto(serve.url);
      await page.getByRole('tab', { name: 'Heap', exact: true }).click({ timeout: 600_000 });
      await page.locator('[aria-label="Summary by constructor"] [role="row"][data-index]').first().waitFor({ timeout: 600_000 });
      return { serveStartMs: Math.round(serveStartMs), pageToSummaryMs: Math.round(performance.now() - opened) };
    } finally {
      await serve.stop();
    }
  } finally {
    await browser.close();
  }
}

// `node --import tsx bench/uiSummary.ts <files…>`: the one measurement alone.
if (require.main === module) {
  void timeToFirstSummary(process.argv.slice(2)).then((t) => console.log(JSON.stringify(t)));
}
