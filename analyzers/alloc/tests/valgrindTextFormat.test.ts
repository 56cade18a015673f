import { describe, expect, it } from 'vitest';
import type { LeakRecord } from '../model';
import { fixture, fixtureText, load, loadReport, tempFile } from './fixtures';

/** The committed logs have their pid replaced by `PID` (generate.sh); memcheck prints digits. */
const asPrinted = (name: string) => fixtureText(name).replace(/^==PID==/gm, '==9327==');
const key = (r: LeakRecord) => [r.kind, r.bytes, r.blocks, r.ownedIndirectBytes ?? 0, r.frames.map((f) => f.fn ?? '?').join(' < ')].join(' | ');

describe('Valgrind memcheck text log (valgrind 3.19, --leak-check=full --show-leak-kinds=all)', () => {
  it('reads the same loss records as the XML of the same program, and its LEAK SUMMARY as the totals', async () => {
    for (const run of ['valgrind_leaky', 'valgrind_fixed']) {
      const text = await load(tempFile(`${run}.txt`, asPrinted(`${run}.txt`)));
      const xml = await loadReport(`${run}.xml`);
      expect(text.formatId).toBe('alloc.valgrind-text');
      expect(text.complete).toBe(true);
      expect(text.notices).toEqual([]);
      const report = text.artifact.type === 'leak-report' ? text.artifact : undefined;
      expect(report?.records.map(key).sort()).toEqual(xml.report.records.map(key).sort());
      const summary = /definitely lost: ([\d,]+) bytes in ([\d,]+) blocks/.exec(fixtureText(`${run}.txt`))!;
      expect(report?.toolTotals).toMatchObject({ leakedBytes: Number(summary[1].replace(/,/g, '')), leakedBlocks: Number(summary[2].replace(/,/g, '')) });
    }
  });

  it('reads a log of a program not written for it (Debian ls): only what it holds at exit, and complete', async () => {
    const loaded = await load(fixture('valgrind_ls.txt'));
    expect(loaded.complete).toBe(true);
    const report = loaded.artifact.type === 'leak-report' ? loaded.artifact : undefined;
    expect(report?.records.length).toBeGreaterThan(0);
    expect(report?.records.every((r) => r.kind === 'reachable')).toBe(true);
    expect(report?.toolTotals.leakedBytes).toBe(0);
  });

  it('with Valgrind\'s default kinds, fewer records than announced is complete: the text and the XML agree', async () => {
    // --show-leak-kinds=definite,possible: "loss record N of 14" counts the 11 records not printed.
    const text = await load(tempFile('valgrind_leaky_default.txt', asPrinted('valgrind_leaky_default.txt')));
    const xml = await loadReport('valgrind_leaky_default.xml');
    expect(text.complete).toBe(true);
    expect(text.notices).toEqual([]);
    expect(xml.complete).toBe(true);
    expect(xml.notices).toEqual([]);
    const records = text.artifact.type === 'leak-report' ? text.artifact.records : [];
    expect(records.length).toBe(3);
    expect(records.every((r) => r.kind === 'direct')).toBe(true);
    expect(records.map(key).sort()).toEqual(xml.report.records.map(key).sort());
  });

  it('says a log cut short is incomplete, and refuses one that is not memcheck', async () => {
    const cut = asPrinted('valgrind_leaky.txt').split('\n').slice(0, 40).join('\n');
    const loaded = await load(tempFile('cut.txt', cut));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices.map((n) => n.message).join(' ')).toMatch(/announced 14 loss records but the log holds \d+/);
    const helgrind = asPrinted('valgrind_leaky.txt').replace('Memcheck, a memory error detector', 'Helgrind, a thread error detector').replace(/^==9327== [\d,]+ .*loss record.*$/gm, '==9327==');
    // Not claimed as a memcheck log: the app then says no format recognises it.
    await expect(load(tempFile('helgrind.txt', helgrind))).rejects.toThrow(/not detected/);
  });
});
