import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(__dirname, '..', 'bin', 'aftermath.mjs');
const dir = mkdtempSync(join(tmpdir(), 'aftermath-cli-'));

function aftermath(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('aftermath CLI usage and bad input', () => {
  it('documents commands, options and exit codes in --help', () => {
    const r = aftermath('--help');
    expect(r.code).toBe(0);
    for (const word of ['analyze', 'serve', 'demo', '--fail-on', '--format', 'Exit codes']) expect(r.stdout).toContain(word);
  });

  it('exits 2 with usage for no command, an unknown command, or a bad option value', () => {
    expect(aftermath().code).toBe(2);
    const unknown = aftermath('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    const failOn = aftermath('analyze', 'x', '--fail-on', 'severe');
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toMatch(/--fail-on takes one of/);
    expect(aftermath('analyze', 'x', '--format', 'docx').stderr).toMatch(/--format takes/);
  });

  it('exits 2 naming each bad file and what is wrong with it', () => {
    writeFileSync(join(dir, 'notes.txt'), 'just some notes\n');
    writeFileSync(join(dir, 'empty.heapsnapshot'), '');
    mkdirSync(join(dir, 'a-folder'), { recursive: true });
    const r = aftermath('analyze', 'notes.txt', 'empty.heapsnapshot', 'a-folder', 'missing.heapsnapshot', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/notes\.txt: is not a recognised input/);
    expect(r.stderr).toMatch(/empty\.heapsnapshot: is empty/);
    expect(r.stderr).toMatch(/a-folder: is a directory/);
    expect(r.stderr).toMatch(/missing\.heapsnapshot: does not exist/);
  });

  it('gates CI with --fail-on: exit 1 at or above the severity, 0 below it, reports written either way', () => {
    const lsan = join(__dirname, '..', 'samples', 'alloc', 'fixtures', 'lsan_leaky.txt');
    // An LSan report alone: 11 KiB lost at exit is low on the shared scale (core/severity.ts).
    const gated = aftermath('analyze', lsan, '--out', 'gate', '--fail-on', 'low', '--quiet');
    expect(gated.stderr).toBe('');
    expect(gated.code).toBe(1);
    expect(existsSync(join(dir, 'gate', 'report.md'))).toBe(true);
    expect(aftermath('analyze', lsan, '--out', 'gate', '--fail-on', 'medium', '--quiet').code).toBe(0);
  });

  it('saves the case as a sql.js case file that reopens with the same findings, on its own only', () => {
    const lsan = join(__dirname, '..', 'samples', 'alloc', 'fixtures', 'lsan_leaky.txt');
    const first = aftermath('analyze', lsan, '--out', 'saved', '--format', 'case,json');
    expect(first.code).toBe(0);
    const reopened = aftermath('analyze', join(dir, 'saved', 'case.aftermath'), '--out', 'reopened', '--format', 'json');
    expect(reopened.code).toBe(0);
    const findings = (name: string) => (JSON.parse(readFileSync(join(dir, name, 'report.json'), 'utf8')) as { appendix: { findings: unknown[] } }).appendix.findings;
    expect(findings('reopened')).toEqual(findings('saved'));
    expect(findings('saved').length).toBeGreaterThan(0);
    // The SQL console's tables from the command line, over the saved case.
    const rows = aftermath('query', join(dir, 'saved', 'case.aftermath'), '--sql', 'SELECT severity, title FROM findings ORDER BY severity_rank DESC, ord', '--output', 'json');
    expect(rows.code).toBe(0);
    const titles = (JSON.parse(rows.stdout) as { title: string }[]).map((r) => r.title);
    expect(titles).toEqual((findings('saved') as { title: string }[]).map((f) => f.title));
    const refused = aftermath('query', join(dir, 'saved', 'case.aftermath'), '--sql', 'DELETE FROM findings');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/DELETE statements are refused/);
    const mixed = aftermath('analyze', join(dir, 'saved', 'case.aftermath'), lsan, '--out', 'mixed');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/case\.aftermath: is a saved case: open it on its own/);
    // Six CLI runs one after another, each a fresh Node with its analysis child: on a loaded machine
    // that is minutes, not the default minute.
  }, 300_000);

  it('query --output json and csv give whole values, never cut; the table says what it cut', () => {
    const snapshot = join(__dirname, '..', 'samples', 'heap', 'detached_dom', 'chat-detached.heapsnapshot.gz');
    const sql = "SELECT capability, json FROM views WHERE capability = 'heap'";
    const json = aftermath('query', snapshot, '--sql', sql, '--output', 'json');
    expect(json.code).toBe(0);
    const [row] = JSON.parse(json.stdout) as { capability: string; json: string }[];
    const view = JSON.parse(row.json) as { snapshots: unknown[] };
    expect(row.json.length).toBeGreaterThan(10_000);
    expect(view.snapshots.length).toBe(1);
    const csv = aftermath('query', snapshot, '--sql', sql, '--output', 'csv');
    expect(csv.stdout).toContain(row.json.replace(/"/g, '""'));
    const table = aftermath('query', snapshot, '--sql', sql);
    expect(table.code).toBe(0);
    expect(table.stderr).toMatch(/long values are cut in the table; --output json or csv gives them whole/);
  });
});
