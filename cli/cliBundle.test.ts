import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'aftermath.mjs');
const SNAPSHOTS = ['game-1-baseline', 'game-2-target', 'game-3-final'].map((n) => join(ROOT, 'samples', 'heap', `${n}.heapsnapshot.gz`));

function analyze(out: string, fromSources: boolean) {
  const env = { ...process.env, AFTERMATH_FROM_SOURCES: fromSources ? '1' : '0' };
  const r = spawnSync(process.execPath, [BIN, 'analyze', ...SNAPSHOTS, '--out', out, '--format', 'json', '--quiet'], { encoding: 'utf8', env });
  const { analyzedAt, ...report } = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { analyzedAt: string; appendix: { findings: unknown[] } };
  expect(analyzedAt).toMatch(/^\d{4}-/);
  return { code: r.status, stderr: r.stderr, report };
}

describe('the compiled CLI (scripts/cliBundle.mjs, run by `prepare` at install)', () => {
  it('is used once built, and reports what the TypeScript sources report, helper thread included', () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cliBundle.mjs')], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-bundle-'));
    const compiled = analyze(join(dir, 'compiled'), false);
    const sources = analyze(join(dir, 'sources'), true);
    // The fallback to tsx says so on stderr: silence means the bundle ran.
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(sources.code);
    expect(compiled.report.appendix.findings.length).toBeGreaterThan(0);
    // Inputs (with their notices: a helper thread that failed would be one), findings, report: all the same.
    expect(compiled.report).toEqual(sources.report);
  });
});
