import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(__dirname, '..', 'bin', 'aftermath.mjs');
const FIXTURES = join(__dirname, '..', 'samples', 'loadtest', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'aftermath-gate-'));
const files = (side: string, prefix = 'wrk_') => readdirSync(join(FIXTURES, side)).filter((f) => f.startsWith(prefix)).map((f) => join(FIXTURES, side, f));

function aftermath(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('aftermath gate', () => {
  it('exits 1 on the regressing candidate, with JUnit, GitHub annotations, the step summary and the report section', () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = aftermath(['gate', '--baseline', ...files('baseline'), '--candidate', ...files('candidate'), '--junit', 'gate.xml', '--out', 'report', '--format', 'md,html,json'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^gate: FAIL — \d+ of \d+ figures regressed/);
    expect(r.stdout).toMatch(/Welch's one-sided t-test/);
    expect(r.stdout).toMatch(/^::error file=wrk_\d\.txt,title=Regression%3A wrk /m);
    const xml = readFileSync(join(dir, 'gate.xml'), 'utf8');
    expect(xml).toMatch(/<testsuite name="aftermath gate" tests="\d+" failures="[1-9]\d*"/);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n')).toBe(true);
    expect(md).toContain('## Regression against the baseline');
    expect(readFileSync(join(dir, 'report', 'report.md'), 'utf8')).toContain('## Regression against the baseline');
    expect(readFileSync(join(dir, 'report', 'report.html'), 'utf8')).toContain('<h2>Regression against the baseline</h2>');
    expect((JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')) as { regression: { verdict: string } }).regression.verdict).toBe('fail');
  });

  it('exits 0 on the same build measured again, and prints no annotation outside GitHub Actions', () => {
    const r = aftermath(['gate', '--baseline', ...files('baseline'), '--candidate', ...files('baseline-rerun')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^gate: PASS/);
    expect(r.stdout).not.toContain('::');
  });

  it('takes limits from --max-regression over a config file', () => {
    writeFileSync(join(dir, 'aftermath-gate.json'), JSON.stringify({ maxRegression: { default: '100000%', errors: 100 } }));
    const loose = aftermath(['gate', '--baseline', ...files('baseline'), '--candidate', ...files('candidate'), '--config', 'aftermath-gate.json']);
    expect(loose.code).toBe(0);
    const strict = aftermath(['gate', '--baseline', ...files('baseline'), '--candidate', ...files('candidate'), '--config', 'aftermath-gate.json', '--max-regression', 'throughput=10%']);
    expect(strict.code).toBe(1);
  });

  it('exits 2 when nothing is comparable, on a bad limit, a bad config, or a missing side', () => {
    const lsan = join(__dirname, '..', 'samples', 'alloc', 'fixtures', 'lsan_leaky.txt');
    const none = aftermath(['gate', '--baseline', ...files('baseline'), '--candidate', lsan]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no figure in common/);
    expect(aftermath(['gate', '--baseline', files('baseline')[0], '--candidate', files('candidate')[0], '--max-regression', 'p98=5%']).stderr).toMatch(/--max-regression: limits are name=percent pairs/);
    writeFileSync(join(dir, 'bad.json'), '{"maxRegression": ');
    expect(aftermath(['gate', '--baseline', files('baseline')[0], '--candidate', files('candidate')[0], '--config', 'bad.json']).code).toBe(2);
    const missing = aftermath(['gate', '--baseline', files('baseline')[0]]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/gate needs --baseline <files…> and --candidate <files…>/);
  });

  it('gates saved cases as well as evidence files', () => {
    expect(aftermath(['analyze', ...files('baseline'), '--format', 'case', '--out', 'base-case', '--quiet']).code).toBe(0);
    expect(aftermath(['analyze', ...files('candidate'), '--format', 'case', '--out', 'cand-case', '--quiet']).code).toBe(0);
    const r = aftermath(['gate', '--baseline', join(dir, 'base-case', 'case.aftermath'), '--candidate', join(dir, 'cand-case', 'case.aftermath'), '--quiet']);
    expect(r.code).toBe(1);
    // Three CLI runs in turn, two of them analysing a load test each: minutes on a loaded machine.
  }, 300_000);
});

describe('aftermath analyze --fail-on with CI output', () => {
  it('writes one JUnit test case per finding, failing those at or above the level, and annotates under Actions', () => {
    const summary = join(dir, 'analyze-summary.md');
    const r = aftermath(['analyze', ...files('candidate', 'wrk_1'), ...files('candidate', 'lock_stats_1'), '--fail-on', 'high', '--junit', 'analyze.xml', '--out', 'a', '--quiet'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, 'analyze.xml'), 'utf8');
    const cases = xml.match(/<testcase /g)!.length;
    const failures = xml.match(/<failure /g)!.length;
    expect(failures).toBeGreaterThan(0);
    // Every finding of this capture rates critical on the shared severity scale (the store-wide lock), so all may fail.
    expect(failures).toBeLessThanOrEqual(cases);
    expect(r.stdout.match(/^::error /gm)).toHaveLength(failures);
    expect(existsSync(summary) && readFileSync(summary, 'utf8')).toMatch(/\*\*FAIL\*\* — \d+ of \d+ findings at or above high/);
  });
});
