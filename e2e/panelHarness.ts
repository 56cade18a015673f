import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { CaseResult } from '../analyzers/case/caseResult';
import { ROOT } from './serveProcess';

/**
 * A renderer panel in Chromium on its own, before the app mounts it: the harness entry (which reads
 * `window.caseResult`) is bundled by esbuild into a classic script, so the page opens from file://
 * without a server. Returns the page's URL; the bundle lands in test-artifacts/<name>/.
 */
export async function bundlePanelHarness(name: string, entry: string, result: CaseResult): Promise<{ url: string; outDir: string }> {
  const outDir = join(ROOT, 'test-artifacts', name);
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    jsx: 'automatic',
    outdir: outDir,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  // `<` escaped: a dump-derived "</script>" cannot end the script that carries the case.
  writeFileSync(join(outDir, 'case.js'), `window.caseResult = ${JSON.stringify(result).replace(/</g, '\\u003c')};\n`);
  const page = join(outDir, 'index.html');
  writeFileSync(
    page,
    '<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="harness.css"></head><body><main><div id="root"></div></main><script src="case.js"></script><script src="harness.js"></script></body></html>',
  );
  return { url: pathToFileURL(page).href, outDir };
}
