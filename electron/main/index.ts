// The desktop app's main process: it orchestrates (windows, menus, dialogs, IPC, export) and never
// parses a dump — analyses run in a utility process (analysisHost.ts).
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, webContents } from 'electron';
import type { FileRef } from '../../analyzers/app/api/appApi';
import { writeFileAtomic } from '../../analyzers/report/writeFileAtomic';
import { renderedOrThrow } from '../../analyzers/app/node/exportRendering';
import { PUSH } from '../shared/ipcChannels';
import { UtilityAnalysisHost } from './analysisHost';
import { APP_ENTRY_URL, trustedOrigins } from './appOrigin';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { commandLineFiles } from './commandLineFiles';
import { chooseEvidenceFiles, chooseSavePath } from './dialogs';
import { exportCase, type ExportDeps } from './exportCase';
import { FileRegistry } from '../../analyzers/app/node/fileRegistry';
import { registerIpcHandlers } from './ipcHandlers';
import { menuTemplate } from './menu';
import { guardWebContents } from './navigationGuard';
import { printHtmlToPdf } from './pdfPrinter';
import { hardenSession } from './sessionSecurity';
import { createMainWindow } from './window';
import { guardUnsavedClose } from './closeGuard';
import { disposeHostsOnQuit } from './quitHosts';
import { createReloader } from './reloadGuard';
import { guardUnsavedUnload } from './unloadGuard';
import { WindowEdits } from './windowEdits';
import { type OwnerId, WindowJobs } from './windowJobs';
import type { ExportFormat } from '../../analyzers/report/exportFormats';

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // A second launch hands its files to the first instance (see 'second-instance') and leaves.
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('Aftermath could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  // electron-vite sets ELECTRON_RENDERER_URL in `npm run dev` only; a packaged app never trusts it.
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const trusted = trustedOrigins(devServerUrl);
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  // The dev server and its hot-reload socket; nothing in a built app.
  hardenSession(session.defaultSession, { allowedNetworkOrigins: devOrigin ? [devOrigin, devOrigin.replace(/^http/, 'ws')] : [] });
  serveRenderer(session.defaultSession, join(__dirname, '../renderer'));

  const files = new FileRegistry();
  // `npm start -- dump.heapsnapshot` runs in the package folder; npm keeps the user's folder in INIT_CWD.
  const launchDir = (!app.isPackaged && process.env.INIT_CWD) || process.cwd();
  const initial = await files.grantAll(commandLineFiles(process.argv, app.isPackaged), launchDir);
  const host = new UtilityAnalysisHost({ entryPath: join(__dirname, 'analysis.js') });
  const jobs = new WindowJobs(host, (owner, event) => webContents.fromId(owner)?.send(PUSH.jobEvent, event));
  const edits = new WindowEdits();
  // Queries and exports each get a utility process of their own (started on first use): stopping a
  // runaway query must end neither an analysis nor an export being rendered, nor wait behind one.
  const queryHost = new UtilityAnalysisHost({ entryPath: join(__dirname, 'analysis.js') });
  const exportHost = new UtilityAnalysisHost({ entryPath: join(__dirname, 'analysis.js') });
  disposeHostsOnQuit(app, [host, queryHost, exportHost]);

  const exportDeps = (win: BrowserWindow | undefined): ExportDeps => ({
    // Rendering (a case file is a sql.js database) runs in the export process; main only writes the bytes.
    render: (jobId, result, request) => exportHost.render(jobId, result, request).then(renderedOrThrow),
    printPdf: printHtmlToPdf,
    chooseSavePath: (name, format) => chooseSavePath(win, name, format),
    write: writeFileAtomic,
  });
  const windowOf = (contents: Electron.WebContents) => BrowserWindow.fromWebContents(contents) ?? undefined;

  registerIpcHandlers(ipcMain, {
    trusted,
    files,
    jobs,
    edits,
    initialFiles: () => initial,
    chooseFiles: (sender) => chooseEvidenceFiles(windowOf(sender)),
    exportCase: (sender, result, request) => exportCase(result, request, exportDeps(windowOf(sender))),
    queryCase: (jobId, result, sql) => queryHost.query(jobId, result, sql),
    exploreHeap: (jobId, query) => host.explore(jobId, query),
  });

  const forgetPage = (owner: OwnerId) => {
    jobs.forget(owner);
    edits.forget(owner);
  };
  const reload = createReloader({
    hasUnsavedEdits: (owner) => edits.unsaved(owner),
    forget: forgetPage,
    discard: (owner) => edits.discard(owner),
  });

  let mainWindow: BrowserWindow | undefined;
  const openWindow = () => {
    const win = createMainWindow(join(__dirname, '../preload/index.js'), devServerUrl ?? APP_ENTRY_URL);
    const ownerId = win.webContents.id;
    win.webContents.once('destroyed', () => forgetPage(ownerId));
    guardUnsavedClose(win, edits);
    guardUnsavedUnload(win, edits, forgetPage);
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = undefined;
    });
    mainWindow = win;
    return win;
  };
  const currentWindow = () => BrowserWindow.getFocusedWindow() ?? mainWindow ?? openWindow();
  const pushOpened = (win: BrowserWindow, refs: FileRef[]) => {
    if (refs.length > 0) win.webContents.send(PUSH.filesOpened, refs);
  };

  // A rejected dialog or a window closed meanwhile: said to the user, not an unhandled rejection in main.
  const openFailed = (e: unknown) => dialog.showErrorBox('Opening files failed', e instanceof Error ? e.message : String(e));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          open: () => {
            const win = currentWindow();
            void chooseEvidenceFiles(win)
              .then((paths) => Promise.all(paths.map((p) => files.grant(p))))
              .then((refs) => pushOpened(win, refs))
              .catch(openFailed);
          },
          exportReport: (format: ExportFormat) => void exportFromMenu(currentWindow(), format),
          // As the 'reload' role: the focused window, and nothing when none is.
          reload: () => {
            const win = BrowserWindow.getFocusedWindow();
            if (win) void reload(win);
          },
          about: () => {
            const win = currentWindow();
            void dialog.showMessageBox(win, {
              type: 'info',
              title: 'About Aftermath',
              message: `Aftermath ${app.getVersion()}`,
              detail: 'Offline post-mortem analyzer: heap snapshots, leak reports, allocation logs, lock contention, metrics and events. Nothing leaves this computer.',
            });
          },
        },
        process.platform,
        app.isPackaged,
      ),
    ),
  );

  /** The menu exports the window's latest finished analysis with the edits its page last reported. */
  async function exportFromMenu(win: BrowserWindow, format: ExportFormat): Promise<void> {
    const owner = win.webContents.id;
    const latest = jobs.latest(owner);
    if (!latest) {
      await dialog.showMessageBox(win, { type: 'info', message: 'Nothing to export yet', detail: 'Open the evidence and wait for the analysis to finish.' });
      return;
    }
    const written = edits.edits(owner);
    const outcome = await exportCase(latest.result, { jobId: latest.jobId, format, content: 'report', edits: written }, exportDeps(win));
    if (outcome.status === 'error') dialog.showErrorBox('Export failed', outcome.message);
    if (outcome.status === 'saved' && format === 'case' && written) {
      edits.saved(owner);
      win.webContents.send(PUSH.editsSaved, written);
    }
  }

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const win = currentWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
    void files
      .grantAll(commandLineFiles(argv, app.isPackaged), workingDirectory)
      .then((refs) => pushOpened(win, refs))
      .catch(openFailed);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  openWindow();
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
