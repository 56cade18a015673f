import { launchChromium } from '../e2e/browser';
import { startServe } from '../e2e/serveProcess';

export interface UiTiming {
  /** `aftermath serve <files>` started until it printed its address. */
  serveStartMs: number;
  /** The page opened until the Heap tab's summary by constructor shows its first row. */
  pageToSummaryMs: number;
  /**
   * `aftermath serve <files>` started until that first row: the whole way as a user goes it, the
   * figure to hold beside the CLI's wall now that serve analyzes its files from its start.
   */
  launchToSummaryMs: number;
}

// Runs in the page (bench/ is type-checked without the DOM library): waits for the Heap tab, clicks it,
// waits for the summary's first row and then for the next frame to be drawn, and answers the page's clock.
// The page is watched for changes (a MutationObserver), not polled: polling at every frame would keep
// Chromium drawing throughout the analysis, on the cores the analysis runs on; Playwright's own waits
// cost up to half a second instead (its checks back off to 500 ms apart while the analysis runs, and a
// click first waits for the tab to hold still over two frames).
const HEAP_SUMMARY_SHOWN = `new Promise((resolve) => {
  const when = (test, then) => {
    if (test()) return then();
    const watch = new MutationObserver(() => test() && (watch.disconnect(), then()));
    watch.observe(document.body, { childList: true, subtree: true });
  };
  const heapTab = () => [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent === 'Heap');
  const row = () => document.querySelector('[aria-label="Summary by constructor"] [role="row"][data-index]');
  when(heapTab, () => {
    heapTab().click();
    when(row, () => requestAnimationFrame(() => setTimeout(() => resolve(Date.now()))));
  });
})`;

/**
 * The browser UI as a user meets it: `aftermath serve <files>` (the compiled CLI when built), Debian's
 * Chromium opening the printed address, the Heap tab, and the time until the summary by constructor
 * shows its first row — the analysis runs in serve's child process as the CLI's does.
 */
export async function timeToFirstSummary(paths: string[]): Promise<UiTiming> {
  const browser = await launchChromium();
  try {
    const started = Date.now();
    const serve = await startServe(paths);
    const serveStartMs = Date.now() - started;
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const opened = Date.now();
      await page.goto(serve.url);
      // The page's clock and this process's are the same machine's wall clock.
      const shown = await page.evaluate<number>(HEAP_SUMMARY_SHOWN);
      return { serveStartMs, pageToSummaryMs: shown - opened, launchToSummaryMs: shown - started };
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
