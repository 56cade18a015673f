import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heapSnapshots } from '../analyzers/report/tests/caseFixtures';
import { CHROMIUM } from './browser';
import { ROOT } from './serveProcess';

const OUT = join(ROOT, 'test-artifacts', 'e2e-report-pdf');
const missing = !existsSync(CHROMIUM);
if (missing) process.stderr.write(`reportPdf.test.ts: SKIPPED — ${CHROMIUM} is missing; install it with 'apt-get install -y chromium' to test PDF export\n`);

describe('aftermath analyze --format pdf', () => {
  it.skipIf(missing)(`prints the RCA report to PDF with ${CHROMIUM}${missing ? ' (skipped: Chromium is missing)' : ''}`, () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'aftermath.mjs'), 'analyze', ...heapSnapshots(), '--out', OUT, '--format', 'html,pdf', '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, AFTERMATH_CHROMIUM: CHROMIUM },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pdf = readFileSync(join(OUT, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-1024).toString('latin1')).toContain('%%EOF');
    // The appendix (every finding with its retainer path) does not fit on one A4 page.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    expect(readFileSync(join(OUT, 'report.html'), 'utf8')).toContain('@page { size: A4');
  });
});
