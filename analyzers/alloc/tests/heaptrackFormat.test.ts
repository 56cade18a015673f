import { describe, expect, it } from 'vitest';
import { compileFoldingRules } from '../frameFolding';
import { leakSites } from '../leakSites';
import { parseSiSize, siRoundingError } from '../siSize';
import { fixtureText, load, loadReport, sourceLine, tempFile } from './fixtures';

/** Every printed size of the leak section's top entries is rounded; the sum may drift by their errors. */
function leakSectionTolerance(text: string): number {
  const section = text.slice(text.indexOf('MEMORY LEAKS'), text.indexOf('MOST TEMPORARY ALLOCATIONS'));
  const sizes = [...section.matchAll(/^(\S+) leaked over -?\d+ calls from:$/gm)].map((m) => m[1]);
  return sizes.reduce((s, size) => s + siRoundingError(size), 0) + siRoundingError(/total memory leaked: (\S+)/.exec(text)?.[1] ?? '0');
}

describe('heaptrack_print text (heaptrack 1.4.0, -l 1 -n 50)', () => {
  it('reads SI sizes as heaptrack prints them', () => {
    expect(parseSiSize('896B')).toBe(896);
    expect(parseSiSize('24.75K')).toBe(24750);
    expect(parseSiSize('-4.35K')).toBe(-4350);
    expect(parseSiSize('4.11M')).toBe(4_110_000);
    expect(parseSiSize('lots')).toBeUndefined();
  });

  it('adds up to "total memory leaked" within the rounding of the printed sizes', async () => {
    const text = fixtureText('heaptrack_leaky.txt');
    const { report, complete, notices, formatId } = await loadReport('heaptrack_leaky.txt');
    expect(formatId).toBe('alloc.heaptrack-print');
    expect(complete).toBe(true);
    expect(notices).toEqual([]);
    const sum = report.records.reduce((s, r) => s + r.bytes, 0);
    expect(report.toolTotals.leakedBytes).toBe(24750);
    expect(Math.abs(sum - 24750)).toBeLessThanOrEqual(leakSectionTolerance(text));
    expect(report.toolTotals.leakedBytesRounding).toBeGreaterThanOrEqual(Math.abs(sum - 24750));
    expect(report.toolTotals.allocationCalls).toBe(Number(/calls to allocation functions: (\d+)/.exec(text)?.[1]));
    expect(report.otherSections?.map((s) => s.title)).toEqual(['MOST CALLS TO ALLOCATION FUNCTIONS', 'PEAK MEMORY CONSUMERS', 'MOST TEMPORARY ALLOCATIONS']);
  });

  it('ranks the never-evicted profile cache first, at ProfileCache::loadProfile', async () => {
    const { report } = await loadReport('heaptrack_leaky.txt');
    const [top] = leakSites(report, compileFoldingRules());
    expect(top.userFrame.fn).toBe('ProfileCache::loadProfile[abi:cxx11](int)');
    expect(top.userFrame.file).toBe('player_manager.cpp');
    expect(sourceLine(top.userFrame.line as number)).toContain('return std::string(');
    expect(top.objectType).toBe('std::string');
  });

  it("reads a real program's output whole: git's stripped frames and libc's inlined ones (no `in` line)", async () => {
    const text = fixtureText('heaptrack_git_log.txt');
    const { report, complete, notices } = await loadReport('heaptrack_git_log.txt');
    expect(complete).toBe(true);
    expect(notices).toEqual([]);
    const printed = parseSiSize(/total memory leaked: (\S+)/.exec(text)?.[1] ?? '') as number;
    const sum = report.records.reduce((s, r) => s + r.bytes, 0);
    expect(Math.abs(sum - printed)).toBeLessThanOrEqual(leakSectionTolerance(text));
    // `extend_alias_table` at localealias.c:401 was inlined into `read_alias_file` at :313, both in libc.
    const inlined = report.records.find((r) => r.frames[0].fn === 'extend_alias_table');
    expect(inlined?.frames.slice(0, 2)).toEqual([
      { fn: 'extend_alias_table', file: 'intl/localealias.c', line: 401, module: '/lib/x86_64-linux-gnu/libc.so.6' },
      { fn: 'read_alias_file', file: 'intl/localealias.c', line: 313, module: '/lib/x86_64-linux-gnu/libc.so.6' },
    ]);
  });

  it('reads diff mode (-d) as negative differences', async () => {
    const { report, notices } = await loadReport('heaptrack_diff.txt');
    expect(report.isDiff).toBe(true);
    expect(report.toolTotals.leakedBytes).toBe(-15540);
    expect(notices.map((n) => n.message)).toContain('heaptrack_print diff mode (-d): every number is this run minus the base run');
    const player = leakSites(report, compileFoldingRules()).find((s) => s.objectType === 'Player');
    expect(player?.bytes).toBe(-4350);
  });
});

describe('damaged heaptrack_print output', () => {
  it('a garbled leak entry line is counted, and since the leaks no longer add up to the printed total, incomplete', async () => {
    const text = fixtureText('heaptrack_leaky.txt');
    const at = text.indexOf('6.54K leaked over 32 calls from\n');
    const damaged = `${text.slice(0, at)}6.54K le\u0000ked over 32 calls from\n${text.slice(at + '6.54K leaked over 32 calls from\n'.length)}`;
    const { complete, notices, artifact } = await load(tempFile('heaptrack_damaged.txt', damaged));
    const line = text.slice(0, at).split('\n').length;
    // The entry's site, its backtrace and its sub-entries have no entry to belong to: all counted.
    expect(notices).toContainEqual({ message: expect.stringMatching(new RegExp(`^\\d+ lines not understood, first at line ${line}$`)) as string, line });
    if (artifact.type !== 'leak-report') throw new Error('not a leak report');
    expect(artifact.records.reduce((s, r) => s + r.bytes, 0)).toBeLessThan(24750 - (artifact.toolTotals.leakedBytesRounding ?? 0));
    expect(complete).toBe(false);
  });

  it('a garbled line that is not a leak entry leaves the leaks whole: counted, still complete', async () => {
    const text = fixtureText('heaptrack_leaky.txt').replace('MEMORY LEAKS\n', 'MEMORY LEAKS\n@@ garbage @@\n');
    const { complete, notices } = await load(tempFile('heaptrack_garbage.txt', text));
    expect(notices.map((n) => n.message)).toContain('1 line not understood, first at line 750');
    expect(complete).toBe(true);
  });
});

