import type { WebContents } from 'electron';

/**
 * Checklist items 13 and 14 for every webContents the app creates (main window, print window):
 * the app is a single page, so no navigation away from it, no redirects, no new windows, no webviews.
 * A file dropped outside the drop zone would otherwise navigate the window to file://.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
