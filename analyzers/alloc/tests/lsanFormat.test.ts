import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/inputError';
import { compileFoldingRules } from '../frameFolding';
import { leakSites } from '../leakSites';
import { fixtureText, load, loadReport, sourceLine, tempFile } from './fixtures';

const classifier = compileFoldingRules();

describe('LeakSanitizer report (g++ 12 -fsanitize=address, samples/alloc)', () => {
  it('adds up to the SUMMARY line and skips the interleaved program output with a count', async () => {
    const { report, complete, notices, formatId } = await loadReport('lsan_leaky.txt');
    expect(formatId).toBe('alloc.lsan');
    expect(complete).toBe(true);
    const summary = /SUMMARY: AddressSanitizer: (\d+) byte\(s\) leaked in (\d+) allocation\(s\)/.exec(fixtureText('lsan_leaky.txt'));
    expect(report.records.reduce((s, r) => s + r.bytes, 0)).toBe(Number(summary?.[1]));
    expect(report.records.reduce((s, r) => s + r.blocks, 0)).toBe(Number(summary?.[2]));
    expect(report.toolTotals.leakedBytes).toBe(Number(summary?.[1]));
    expect(notices.map((n) => n.message)).toContain('6 lines of program output outside the report skipped, first at line 1');
  });

  it('puts the biggest site at make_shared<Player> in PlayerManager::addPlayer, with gcc frames (no column)', async () => {
    const { report } = await loadReport('lsan_leaky.txt');
    const [top] = leakSites(report, classifier);
    expect(top.userFrame.fn).toMatch(/^PlayerManager::addPlayer\(int, /);
    expect(top.userFrame.file).toBe('player_manager.cpp');
    expect(top.userFrame.col).toBeUndefined();
    expect(sourceLine(top.userFrame.line as number)).toContain('std::make_shared<Player>()');
    expect(top.objectType).toBe('Player');
    expect(top.userFrameIndex).toBe(8); // operator new and seven std:: frames folded
    expect(top.byKind.indirect?.blocks).toBe(32);
  });

  it('reads report_objects=1 object lists: one address per leaked object', async () => {
    const { report } = await loadReport('lsan_report_objects.txt');
    for (const r of report.records) {
      expect(r.objects?.length).toBe(r.blocks);
      expect(r.objects?.reduce((s, o) => s + o.bytes, 0)).toBe(r.bytes);
    }
  });

  it('reads the Suppressions used: table and the reduced SUMMARY', async () => {
    const { report } = await loadReport('lsan_suppressions.txt');
    expect(report.suppressions).toEqual([{ count: 2, bytes: 528, template: 'loadConfig' }]);
    expect(report.records.reduce((s, r) => s + r.bytes, 0)).toBe(report.toolTotals.leakedBytes);
    expect(report.records.some((r) => r.frames.some((f) => f.fn === 'loadConfig()'))).toBe(false);
  });

  it('reads unsymbolized (module+0xoff) frames and folds the sanitizer and libc modules', async () => {
    const { report } = await loadReport('lsan_unsymbolized.txt');
    expect(report.records.reduce((s, r) => s + r.bytes, 0)).toBe(report.toolTotals.leakedBytes);
    const [top] = leakSites(report, classifier);
    expect(top.userFrame.module).toBe('player_manager_asan');
    expect(top.userFrame.moduleOffset).toBeGreaterThan(0);
    expect(top.stack[0].module).toMatch(/libasan\.so/);
  });

  it('keeps what a truncated report holds and marks it incomplete', async () => {
    const { report, complete, notices } = await loadReport('lsan_truncated.txt');
    expect(complete).toBe(false);
    expect(report.records.length).toBe(4);
    expect(notices[0].message).toMatch(/ends before its SUMMARY line/);
  });

  it('counts garbled lines inside the report and says where the first one is', async () => {
    const lines = fixtureText('lsan_leaky.txt').split('\n');
    const garbled = [...lines.slice(0, 20), '@@ corrupted @@', 'x'.repeat(10), ...lines.slice(20)].join('\n');
    const { complete, notices } = await load(tempFile('garbled.txt', garbled));
    expect(complete).toBe(true);
    expect(notices.map((n) => n.message)).toContain('2 lines inside the report not understood, first at line 21');
  });

  it('a garbled record line loses the record: the SUMMARY says so, and the report is incomplete', async () => {
    const text = fixtureText('lsan_leaky.txt').replace('Direct leak of 16 byte(s) in 1 object(s)', 'Direct l\u0000ak of 16 byte(s) in 1 object(s)');
    const { complete, notices, artifact: report } = await load(tempFile('garbled-record.txt', text));
    if (report.type !== 'leak-report') throw new Error('not a leak report');
    const summary = Number(/SUMMARY: AddressSanitizer: (\d+) byte/.exec(text)?.[1]);
    expect(report.records.reduce((s, r) => s + r.bytes, 0)).toBe(summary - 16);
    expect(notices.map((n) => n.message)).toContain(`the records add up to ${(summary - 16).toLocaleString('en-US')} bytes but the SUMMARY says ${summary.toLocaleString('en-US')}`);
    expect(notices.map((n) => n.message)).toContain('1 line inside the report not understood, first at line 17');
    expect(complete).toBe(false);
  });

  it('refuses a file that mixes an LSan report with heaptrack output', async () => {
    const mixed = fixtureText('lsan_leaky.txt') + fixtureText('heaptrack_leaky.txt');
    await expect(load(tempFile('mixed.txt', mixed))).rejects.toThrow(InputError);
    await expect(load(tempFile('mixed.txt', mixed))).rejects.toThrow(/mixes formats: (heaptrack_print output with LeakSanitizer report|a LeakSanitizer report with heaptrack_print output)/);
  });
});
