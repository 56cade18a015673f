import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow, session } from 'electron';
import { hardenSession } from './sessionSecurity';

/** In-memory session of its own: nothing the print window loads touches the app's session. */
const PRINT_PARTITION = 'aftermath-print';

/**
 * Prints the HTML report to PDF in a hidden window with JavaScript off, sandboxed, without preload,
 * and in a session that refuses every network request: the report holds dump-derived text, and it
 * is rendered as a document, never run. The HTML goes through a private temporary file (a data: URL
 * of a large report would exceed Chromium's URL length limit).
 */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'aftermath-print-'));
  const file = join(dir, 'report.html');
  const printSession = session.fromPartition(PRINT_PARTITION);
  hardenSession(printSession, { allowedNetworkOrigins: [] });
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      session: printSession,
      // Middle-click (auxclick) can open a link in a new window, bypassing click handlers.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await writeFile(file, html, { mode: 0o600 });
    await win.loadFile(file);
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
