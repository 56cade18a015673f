import { describe, expect, it } from 'vitest';
import { perfLockTableFormat, sniffPerfLockTable } from '../perfLockTable';
import type { LockRow } from '../model';
import { fixtureText } from './fixtures';

const MODES = ['coarse', 'sharded'] as const;
const load = (name: string, mode: string) => perfLockTableFormat.parseText(name, fixtureText(`perf_lock_${name}_${mode}.txt`));

/** perf's lock_stat_key_print_time (builtin-lock.c): `%.2f <unit>` from us up, bare integer ns below. */
function perfTime(ns: number): string {
  const units: [number, string][] = [[3600e9, 'h'], [60e9, 'm'], [1e9, 's'], [1e6, 'ms'], [1e3, 'us']];
  for (const [base, unit] of units) if (ns >= base) return `${(ns / base).toFixed(2)} ${unit}`;
  return `${ns} ns`;
}

const sumContended = (rows: readonly LockRow[]) => rows.reduce((s, r) => s + r.contended, 0);
const sumWait = (rows: readonly LockRow[]) => rows.reduce((s, r) => s + (r.waitTotalNs ?? 0), 0);

describe('perf lock report / contention / info on the real captures of the inventory server', () => {
  it.each(MODES)('every parsed row prints back as the line perf wrote (%s)', (mode) => {
    for (const name of ['report', 'report_t', 'contention', 'contention_t', 'contention_v', 'contention_F', 'contention_k']) {
      const text = fixtureText(`perf_lock_${name}_${mode}.txt`).split('\n');
      const { artifact, complete } = load(name, mode);
      expect(complete).toBe(true);
      const rows = [...artifact.byLock, ...artifact.byCaller, ...artifact.byThread];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const line = text[(row.line as number) - 1];
        const printed = line.replace(/\s+/g, ' ');
        for (const ns of [row.waitTotalNs, row.waitMaxNs, row.waitMinNs]) if (ns !== undefined) expect(printed).toContain(` ${perfTime(ns)} `);
        expect(printed).toContain(` ${row.contended} `);
        expect(printed.trimEnd().endsWith(row.label) || printed.trimStart().startsWith(row.label)).toBe(true);
      }
    }
  });

  it.each(MODES)('the six views of one recording agree on the contended count and, to perf’s rounding, the wait (%s)', (mode) => {
    const report = load('report', mode).artifact.byLock;
    const views = [report, load('report_t', mode).artifact.byThread, load('contention', mode).artifact.byCaller, load('contention_t', mode).artifact.byThread, load('contention_v', mode).artifact.byCaller, load('contention_F', mode).artifact.byCaller];
    for (const rows of views) {
      expect(sumContended(rows)).toBe(sumContended(report));
      // Each printed time is rounded to 2 decimals of its unit: at most 0.5 % per row.
      expect(Math.abs(sumWait(rows) - sumWait(report))).toBeLessThanOrEqual(0.005 * sumWait(report));
    }
  });

  it('recognizes the variant from the layout and puts rows in the right table', () => {
    expect(load('report', 'coarse').artifact).toMatchObject({ tool: 'perf-lock-report', variant: 'report' });
    expect(load('report_t', 'coarse').artifact).toMatchObject({ tool: 'perf-lock-report', variant: 'report -t' });
    expect(load('contention_t', 'coarse').artifact.variant).toBe('contention -t');
    expect(load('contention_v', 'coarse').artifact.variant).toBe('contention -v');
    const threads = load('contention_t', 'coarse').artifact.byThread;
    for (const t of threads) expect(t.label).toBe(`:${t.tid}`);
  });

  it('keeps perf’s cut names as cut, and marks them', () => {
    const rows = [...load('report', 'coarse').artifact.byLock, ...load('report', 'sharded').artifact.byLock];
    const cut = rows.filter((r) => r.label.endsWith('...'));
    expect(cut.length).toBeGreaterThan(0);
    for (const r of cut) {
      expect(r.labelTruncated).toBe(true);
      expect(r.label.length).toBe(19);
    }
  });

  it('attaches every -v stack line to the row above it, user frames without a symbol included', () => {
    for (const mode of MODES) {
      const text = fixtureText(`perf_lock_contention_v_${mode}.txt`);
      const stackLines = text.split('\n').filter((l) => /^\t+0x/.test(l)).length;
      const { artifact, notices } = load('contention_v', mode);
      expect(artifact.byCaller.reduce((s, r) => s + r.stack.length, 0)).toBe(stackLines);
      for (const r of artifact.byCaller) expect(r.stack.length).toBeGreaterThan(0);
      // perf's own stderr messages before the table are counted, not mistaken for rows.
      expect(notices.some((n) => /perf diagnostics/.test(n.message) && n.line === 1)).toBe(true);
    }
  });

  it('reads -F field selections and -k/-E limited tables', () => {
    const fields = load('contention_F', 'coarse').artifact.byCaller;
    for (const r of fields) {
      expect(r.waitMaxNs).toBeUndefined();
      expect(r.waitTotalNs).toBeGreaterThan(0);
    }
    const byMax = load('contention_k', 'coarse').artifact.byCaller;
    expect(byMax.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < byMax.length; i++) expect(byMax[i - 1].waitMaxNs as number).toBeGreaterThanOrEqual(byMax[i].waitMaxNs as number);
    const reportFields = load('report_fields', 'coarse').artifact.byLock;
    for (const r of reportFields) expect(r.waitAvgNs).toBeUndefined();
  });

  it('reads perf lock info -t and -m', () => {
    for (const mode of MODES) {
      const t = fixtureText(`perf_lock_info_t_${mode}.txt`);
      const m = fixtureText(`perf_lock_info_m_${mode}.txt`);
      expect(load('info_t', mode).artifact.info?.threads.length).toBe(t.split('\n').filter((l) => /^\s+\d+: /.test(l)).length);
      expect(load('info_m', mode).artifact.info?.instances.length).toBe(m.split('\n').filter((l) => /^\s+0x[0-9a-f]+: /.test(l)).length);
    }
  });

  it('sniffs every capture, and nothing else', () => {
    for (const name of ['report', 'report_t', 'contention', 'contention_v', 'info_t', 'info_m']) expect(sniffPerfLockTable(fixtureText(`perf_lock_${name}_coarse.txt`))).toBe(true);
    expect(sniffPerfLockTable(fixtureText('perf_script_truncated.txt'))).toBe(false);
    expect(sniffPerfLockTable('{"format":"aftermath-lock-stats"}')).toBe(false);
  });
});

describe('perf lock of a program that never waited (`perf lock record -- true`, recorded by generate.sh)', () => {
  it.each(['report', 'contention'])('%s: an empty table, complete, says it lists no lock', (name) => {
    const { artifact, complete, notices } = perfLockTableFormat.parseText(name, fixtureText(`perf_lock_${name}_none.txt`));
    expect(complete).toBe(true);
    expect([...artifact.byLock, ...artifact.byCaller, ...artifact.byThread]).toEqual([]);
    expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/^the table lists no lock: perf recorded no contended lock/)]);
  });

  it('the real captures, with rows, carry no such notice', () => {
    for (const mode of MODES) expect(load('contention', mode).notices.map((n) => n.message).join(' ')).not.toMatch(/lists no lock/);
  });
});

describe('perf lock tables: bad input', () => {
  const real = fixtureText('perf_lock_contention_coarse.txt');

  it('reports a row with an unknown unit with its line number and marks the result partial', () => {
    const lines = real.split('\n');
    const rowIndex = lines.findIndex((l) => /\d+\s+[\d.]+ (?:us|ms|ns)/.test(l));
    lines[rowIndex] = lines[rowIndex].replace(/ (us|ms) /, ' fortnights ');
    const { complete, notices, artifact } = perfLockTableFormat.parseText('bad.txt', lines.join('\n'));
    expect(complete).toBe(false);
    expect(notices).toContainEqual(expect.objectContaining({ line: rowIndex + 1, message: expect.stringContaining("unknown time unit 'fortnights'") }));
    expect(artifact.byCaller.length).toBe(perfLockTableFormat.parseText('ok.txt', real).artifact.byCaller.length - 1);
  });

  it('reports an unknown column and reads none of its rows rather than misreading them', () => {
    const text = real.replace('caller', 'caller   cgroup_id');
    const { complete, notices, artifact } = perfLockTableFormat.parseText('bad.txt', text);
    expect(complete).toBe(false);
    expect(notices[0].message).toBe('unknown columns type, caller, cgroup_id in the table header; its rows were not read');
    expect(artifact.byCaller).toHaveLength(0);
    const one = perfLockTableFormat.parseText('bad.txt', real.replace('type   caller', 'cgroup_id'));
    expect(one.notices[0].message).toBe('unknown column cgroup_id in the table header; its rows were not read');
  });

  it('notices a table cut in the middle of a row', () => {
    const cut = real.slice(0, real.lastIndexOf(' us ') + 2);
    const { complete, notices } = perfLockTableFormat.parseText('cut.txt', cut);
    expect(complete).toBe(false);
    expect(notices.some((n) => /row not understood/.test(n.message) && n.line === cut.split('\n').length)).toBe(true);
  });

  it('rejects a file with no perf lock table with an InputError naming it', () => {
    expect(() => perfLockTableFormat.parseText('notes.txt', 'build id event received\nnothing here\n')).toThrow(/notes\.txt: no perf lock table header found/);
  });
});
