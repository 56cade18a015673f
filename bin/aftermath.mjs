#!/usr/bin/env node
// Runs the CLI compiled into dist/ at install time (scripts/cliBundle.mjs, the `prepare` script) while it
// matches the sources; otherwise the TypeScript sources through tsx, which costs about a second more.
// AFTERMATH_FROM_SOURCES=1 asks for the sources (the tests run them).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BUNDLE_DIR, staleBundleInput } from '../scripts/cliBundle.mjs';

const stale = process.env.AFTERMATH_FROM_SOURCES === '1' ? 'sources asked for' : staleBundleInput();
if (stale === undefined) {
  createRequire(import.meta.url)(join(BUNDLE_DIR, 'cli.cjs'));
} else {
  if (stale !== 'sources asked for') {
    const why = stale === 'missing' ? 'dist/ holds no compiled CLI' : `${stale} changed since dist/ was compiled`;
    process.stderr.write(`aftermath: note: ${why}; running the TypeScript sources through tsx (slower start; \`npm run prepare\` compiles them)\n`);
  }
  await import('tsx');
  await import('../cli/main.ts');
}
