import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FileRef } from '../analyzers/app/api/appApi';
import { runCase } from '../analyzers/pipeline/runCase';
import { writeFileAtomic } from '../analyzers/report/writeFileAtomic';
import { renderExport } from '../analyzers/report/renderExport';
import { UtilityAnalysisHost } from '../electron/main/analysisHost';
import { APP_ORIGIN } from '../electron/main/appOrigin';
import { exportCase } from '../electron/main/exportCase';
import { FileRegistry } from '../analyzers/app/node/fileRegistry';
import { registerIpcHandlers } from '../electron/main/ipcHandlers';
import { WindowJobs } from '../electron/main/windowJobs';
import { WindowEdits } from '../electron/main/windowEdits';
import { PUSH } from '../electron/shared/ipcChannels';
import { ipcHandlers, ipcMain } from '../electron/tests/fakeElectron';
import { launchChromium } from './browser';
import { ROOT } from './serveProcess';

vi.mock('electron', () => import('../electron/tests/fakeElectron'));

const SNAPSHOT = join(ROOT, 'samples', 'heap', 'game-1-baseline.heapsnapshot.gz');
const RENDERER = join(ROOT, 'out', 'renderer');
const SUMMARY_ROWS = '[aria-label="Summary by constructor"] [role="row"][data-index]';

async function topRows(page: Page, count: number): Promise<string[]> {
  await page.locator(SUMMARY_ROWS).first().waitFor({ timeout: 120_000 });
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    names.push((await page.locator(`[aria-label="Summary by constructor"] [role="row"][data-index="${i}"] [role="gridcell"]`).first().textContent()) ?? '');
  }
  return names;
}

async function expectedTop(count: number): Promise<string[]> {
  const direct = await runCase([SNAPSHOT], { onProgress: () => undefined, signal: new AbortController().signal });
  const constructors = direct.views.heap?.snapshots[0]?.constructors ?? [];
  return [...constructors].sort((a, b) => (b.retainedBytes ?? 0) - (a.retainedBytes ?? 0)).slice(0, count).map((c) => c.name);
}

/**
 * The Electron executable, found the way the electron package finds it, without
 * `require('electron')`: that starts a download when the binary is missing.
 */
function electronBinary(): string | undefined {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const binary = join(dist, readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

/** Why the real desktop window cannot be opened here, or undefined when it can. */
function electronUnavailable(): string | undefined {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) return 'out/ is not built (run `npx electron-vite build`)';
  if (!electronBinary()) return 'the Electron binary is not installed (node_modules/electron/dist is absent, as after ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display (run the tests under xvfb-run)';
  return undefined;
}

const skipReason = electronUnavailable();
if (skipReason) console.warn(`e2e/desktop.test.ts: skipping the Electron window test: ${skipReason}`);

describe('desktop app window (Playwright _electron)', () => {
  it.skipIf(skipReason !== undefined)(
    `opens the file given on the command line in a sandboxed window and shows its summary${skipReason ? ` — skipped: ${skipReason}` : ''}`,
    async () => {
      const app = await _electron.launch({ executablePath: electronBinary(), args: [ROOT, SNAPSHOT], cwd: ROOT });
      try {
        const page = await app.firstWindow();
        expect(page.url()).toBe('app://aftermath/index.html');
        expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
        expect(await page.evaluate(() => window.aftermath?.host)).toBe('desktop');
        await page.getByRole('tab', { name: 'Heap', exact: true }).click();
        expect(await topRows(page, 5)).toEqual(await expectedTop(5));
        await page.screenshot({ path: join(ROOT, 'test-artifacts', 'e2e-desktop-window.png') });
      } finally {
        await app.close();
      }
    },
    180_000,
  );
});

/**
 * Without the Electron binary: the built renderer in Chromium, with window.aftermath standing in
 * for the preload (the same channels, one call each), wired to the real main-process handlers,
 * sender check and validation included, and to the real analysis entry in a child process.
 */
describe('desktop wiring without Electron: built renderer → IPC handlers → analysis process', () => {
  const origin = 'http://aftermath.localhost';
  let browser: Browser;
  let host: UtilityAnalysisHost;
  let saveDir: string;
  let page: Page;
  /** Set by a test: main's export handler then throws it, as it does for a job no longer in the window. */
  let exportThrows: string | undefined;
  const windowEdits = new WindowEdits();

  beforeAll(async () => {
    if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
    saveDir = mkdtempSync(join(tmpdir(), 'aftermath-desktop-e2e-'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    ipcHandlers.clear();
    const files = new FileRegistry();
    const initial: FileRef[] = [await files.grant(SNAPSHOT)];
    host = new UtilityAnalysisHost({ entryPath: join(ROOT, 'electron', 'analysis', 'utilityEntry.ts') });
    const jobs = new WindowJobs(host, (_owner, event) => {
      void page.evaluate(([channel, payload]) => (window as unknown as { __push(c: string, p: unknown): void }).__push(channel, payload), [PUSH.jobEvent, event] as const);
    });
    registerIpcHandlers(ipcMain as unknown as Electron.IpcMain, {
      trusted: [APP_ORIGIN, { protocol: 'http:', host: 'aftermath.localhost' }],
      files,
      jobs,
      edits: windowEdits,
      initialFiles: () => initial,
      chooseFiles: async () => [],
      queryCase: (jobId, result, sql) => host.query(jobId, result, sql),
      exploreHeap: (jobId, query) => host.explore(jobId, query),
      exportCase: (_sender, result, request) => {
        if (exportThrows) throw new Error(exportThrows);
        return exportCase(result, request, {
          render: (_jobId, result, request) => renderExport(result, request),
          printPdf: async () => {
            throw new Error('PDF needs Electron');
          },
          chooseSavePath: async (name) => join(saveDir, name),
          write: writeFileAtomic,
        });
      },
    });

    // The page's only way out is the binding, like the preload's named channels; everything else is refused.
    await page.exposeBinding('__ipc', (source, channel: string, args: unknown[]) => {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler({ sender: { id: 1 }, senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } }, ...args);
    });
    await page.addInitScript(() => {
      const listeners = new Map<string, Set<(p: unknown) => void>>();
      const ipc = (window as unknown as { __ipc: (c: string, a: unknown[]) => Promise<unknown> }).__ipc;
      const on = (channel: string, l: (p: unknown) => void) => {
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set);
        set.add(l);
        return () => void set.delete(l);
      };
      Object.assign(window, {
        __push: (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload)),
        aftermath: {
          host: 'desktop',
          initialFiles: () => ipc('aftermath:initial-files', []),
          chooseFiles: () => ipc('aftermath:choose-files', []),
          addDroppedFiles: (files: File[]) => ipc('aftermath:add-dropped-files', [files.map((f) => ({ name: f.name, path: '' }))]),
          startAnalysis: (ids: string[], options?: unknown) => ipc('aftermath:start-analysis', [ids, options]),
          cancelAnalysis: (jobId: string) => ipc('aftermath:cancel-analysis', [jobId]),
          onJobEvent: (l: (p: unknown) => void) => on('aftermath:job-event', l),
          exportReport: (request: unknown) => ipc('aftermath:export-report', [request]),
          exploreHeap: (jobId: string, query: unknown) => ipc('aftermath:explore-heap', [jobId, query]),
          queryCase: (jobId: string, sql: string) => ipc('aftermath:query-case', [jobId, sql]),
          onFilesOpened: (l: (p: unknown) => void) => on('aftermath:files-opened', l),
          reportEditsChanged: (edits: unknown, unsaved: boolean) => void ipc('aftermath:report-edits', [edits, unsaved]),
          onEditsSaved: (l: (p: unknown) => void) => on('aftermath:edits-saved', l),
        },
      });
    });
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin) return route.abort('blockedbyclient');
      const rel = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      const path = join(RENDERER, rel);
      if (!path.startsWith(RENDERER) || !existsSync(path)) return route.fulfill({ status: 404 });
      return route.fulfill({ path });
    });
  }, 120_000);

  afterAll(async () => {
    host?.dispose();
    await browser?.close();
    if (saveDir) rmSync(saveDir, { recursive: true, force: true });
  });

  it('opens the command-line file, shows the analyzer’s summary, and exports it through the save path', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/index.html`);
    await page.getByRole('tab', { name: 'Heap', exact: true }).click();
    expect(await topRows(page, 5)).toEqual(await expectedTop(5));

    await page.getByRole('button', { name: 'Export summary as Markdown…' }).click();
    // Named after the case's title (exportFileName).
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 }).toMatch(/^Saved [a-z0-9-]+-heap-summary\.md$/);
    const name = ((await page.getByRole('status').first().textContent()) ?? '').replace(/^Saved /, '');
    const saved = readFileSync(join(saveDir, name), 'utf8');
    expect(saved).toContain('| Constructor | Count |');
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows an export the main process refused as failed, not as an unhandled rejection', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    exportThrows = 'no finished analysis job-1 in this window';
    try {
      await page.getByRole('button', { name: 'Export summary as Markdown…' }).click();
      const alerts = async () => (await page.getByRole('alert').allTextContents()).join('\n');
      await expect.poll(alerts, { timeout: 30_000 }).toContain('Export failed: ');
      expect(await alerts()).toContain('no finished analysis job-1 in this window');
    } finally {
      exportThrows = undefined;
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
