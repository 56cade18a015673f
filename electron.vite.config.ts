import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * `electron-vite dev` only: React Fast Refresh injects an inline module script into index.html,
 * which the page's CSP (script-src 'self') refuses. Builds keep the strict CSP untouched.
 */
const devServerCsp: Plugin = {
  name: 'aftermath-dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
};

// Custom folders (electron/, renderer/, analyzers/) instead of electron-vite's src/ defaults.
// Main gets five entries: the app's main process, the utility process that runs the analyses, and
// the heap's helper threads (indexes, parse, cycle search), so all land in out/main: main starts the utility
// process with utilityProcess.fork, and that one starts the threads from its own folder.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          analysis: resolve(__dirname, 'electron/analysis/utilityEntry.ts'),
          graphIndexWorker: resolve(__dirname, 'analyzers/heap/graphIndexWorker.ts'),
          parseWorker: resolve(__dirname, 'analyzers/heap/parseWorker.ts'),
          cycleSearchWorker: resolve(__dirname, 'analyzers/heap/cycleSearchWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
      },
    },
    plugins: [react(), devServerCsp],
  },
});
