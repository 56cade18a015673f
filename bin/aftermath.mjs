#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that a fresh `npm ci` is enough: no build step before use.
await import('tsx');
await import('../cli/main.ts');
