import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Debian's Chromium, where .ci/run installs it; AFTERMATH_CHROMIUM points at another Chromium or Chrome. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const PRINT_TIMEOUT_MS = 120_000;

export function chromiumPath(): string {
  return process.env.AFTERMATH_CHROMIUM || DEFAULT_CHROMIUM;
}

/** PDF export cannot run on this machine (no Chromium, or it failed): the message says what to do. */
export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
}

/**
 * Prints the self-contained HTML report to PDF with headless Chromium's own `--print-to-pdf`: no npm
 * dependency at run time, and the same engine (and @media print rules) as the desktop app's printToPDF.
 * The page needs no network (the report's CSP forbids it anyway), so the profile is a throwaway folder.
 */
export async function htmlToPdf(html: string, chromium = chromiumPath()): Promise<Uint8Array> {
  if (!existsSync(chromium)) {
    throw new PdfUnavailableError(
      `PDF export needs Chromium, and ${chromium} is missing: install it (Debian: apt-get install -y chromium) or set AFTERMATH_CHROMIUM to a Chromium or Chrome binary. The md, html and json formats do not need it.`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'aftermath-pdf-'));
  try {
    const htmlPath = join(dir, 'report.html');
    const pdfPath = join(dir, 'report.pdf');
    await writeFile(htmlPath, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${pdfPath}`,
      pathToFileURL(htmlPath).href,
    ];
    const { code, stderr } = await run(chromium, args);
    const pdf = existsSync(pdfPath) ? await readFile(pdfPath) : undefined;
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      const tail = stderr.trim().split('\n').filter((l) => !/dbus|Fontconfig/i.test(l)).slice(-3).join(' | ');
      throw new PdfUnavailableError(`${chromium} did not print the report to PDF (exit code ${code}${tail ? `: ${tail}` : ''})`);
    }
    return new Uint8Array(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), PRINT_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new PdfUnavailableError(`could not start ${cmd} to print the PDF: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
