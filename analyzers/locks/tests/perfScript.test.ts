import { describe, expect, it } from 'vitest';
import { compileLockFolding } from '../folding';
import { hotPathTree } from '../hotPaths';
import { perfScriptFormat, sniffPerfScript } from '../perfScript';
import { summarize } from '../summary';
import { fixtureText, loadScript } from './fixtures';

const classifier = compileLockFolding();
const FUTEX_WAIT_CMDS = new Set([0, 6, 9, 11, 13]);

/** Counted straight from the text, independently of the parser: FUTEX_WAIT entries and their addresses. */
function futexWaitEntries(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/syscalls:sys_enter_futex: uaddr: (0x[0-9a-f]+), op: (0x[0-9a-f]+)/g)) if (FUTEX_WAIT_CMDS.has(parseInt(m[2], 16) & 0x7f)) out.push(m[1]);
  return out;
}

const parseText = (name: string, text: string) => perfScriptFormat.parseText(name, text);

describe('perf script lock + futex capture of the coarse inventory server (DWARF call chains)', () => {
  it('pairs every FUTEX_WAIT entry: counted waits + idle waits + waits still open = entries in the file', async () => {
    for (const name of ['perf_script_coarse.txt.gz', 'perf_script_sharded.txt.gz']) {
      const input = await loadScript(name);
      const entries = futexWaitEntries(fixtureText(name)).length;
      const futexWaits = input.artifact.byLock.filter((r) => r.lockType === 'futex').reduce((s, r) => s + r.contended, 0);
      const open = Number(/([\d,]+) waits? still in progress/.exec(input.notices.map((n) => n.message).join('\n'))?.[1].replace(/,/g, '') ?? 0);
      expect(futexWaits + (input.artifact.idleWaits?.count ?? 0) + open).toBe(entries);
      expect(input.complete).toBe(true);
    }
  });

  it('names transferItem, addItem and removeItem — the functions that contend — as the hot paths, transferItem first', async () => {
    const summary = summarize(await loadScript('perf_script_coarse.txt.gz'), classifier);
    const tree = hotPathTree(summary.paths);
    expect(new Set(tree.slice(0, 3).map((n) => n.label))).toEqual(new Set(['transferItem', 'addItem', 'removeItem']));
    // The program does 50 % transfers with the longest critical section: it must lead.
    expect(tree[0].label).toBe('transferItem');
    expect(tree.slice(0, 3).reduce((s, n) => s + n.share, 0)).toBeGreaterThan(0.99);
    // Their caller is the worker loop; libc, libstdc++, std::mutex and unique_lock frames are folded.
    expect(tree[0].children[0].label).toBe('worker');
  });

  it('finds the global mutex: the address most FUTEX_WAITs in the file are on, waited on from all three operations', async () => {
    const text = fixtureText('perf_script_coarse.txt.gz');
    const counts = new Map<string, number>();
    for (const a of futexWaitEntries(text)) counts.set(a, (counts.get(a) ?? 0) + 1);
    const busiest = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const summary = summarize(await loadScript('perf_script_coarse.txt.gz'), classifier);
    expect(summary.locks[0].address).toBe(busiest);
    expect(summary.locks[0].share).toBeGreaterThan(0.9);
    expect(new Set(summary.locks[0].callers.map((c) => c.label))).toEqual(new Set(['transferItem', 'addItem', 'removeItem']));
  });

  it('sees the sharded run wait on many per-inventory mutexes instead of one', async () => {
    const summary = summarize(await loadScript('perf_script_sharded.txt.gz'), classifier);
    const futexLocks = summary.locks.filter((l) => l.lockType === 'futex');
    expect(futexLocks.length).toBeGreaterThanOrEqual(10);
    expect(summary.locks[0].share).toBeLessThan(0.5);
  });

  it('with frame-pointer call chains the caller of pthread_mutex_lock is lost (glibc has no frame pointers): the path starts at worker', async () => {
    const summary = summarize(await loadScript('perf_script_fp_coarse.txt.gz'), classifier);
    expect(hotPathTree(summary.paths)[0].label).toBe('worker');
  });

  it('splits the wait per thread: the threads that waited are the ones that entered FUTEX_WAIT on the contended lock', async () => {
    const text = fixtureText('perf_script_coarse.txt.gz');
    const summary = summarize(await loadScript('perf_script_coarse.txt.gz'), classifier);
    const lock = summary.locks[0].address;
    const waitingTids = new Set<number>();
    for (const m of text.matchAll(/^\S+\s+(\d+) \[\d+\]\s+[\d.]+: syscalls:sys_enter_futex: uaddr: (0x[0-9a-f]+), op: (0x[0-9a-f]+)/gm)) {
      if (m[2] === lock && FUTEX_WAIT_CMDS.has(parseInt(m[3], 16) & 0x7f)) waitingTids.add(Number(m[1]));
    }
    expect(waitingTids.size).toBeGreaterThanOrEqual(16);
    const counted = new Set(summary.threads.filter((t) => t.totalNs > 0).map((t) => t.tid));
    for (const tid of waitingTids) expect(counted).toContain(tid);
  });

  it('sniffs the captures', () => {
    expect(sniffPerfScript(fixtureText('perf_script_coarse.txt.gz').slice(0, 65536))).toBe(true);
    expect(sniffPerfScript(fixtureText('perf_lock_report_coarse.txt'))).toBe(false);
  });
});

describe('perf script: bad input', () => {
  it('a capture cut off mid-record is partial, and the notice names the last line', async () => {
    const input = await loadScript('perf_script_truncated.txt');
    const lines = fixtureText('perf_script_truncated.txt').split('\n').length;
    expect(input.complete).toBe(false);
    expect(input.notices[0]).toMatchObject({ line: lines, message: expect.stringMatching(/truncated/) });
  });

  it('a call chain whose header line is missing is counted with its line number, not merged into another event', () => {
    const lines = fixtureText('perf_script_coarse.txt.gz').split('\n');
    const header = lines.findIndex((l, i) => i > 100 && l.includes('sys_enter_futex') && l.includes('op: 0x00000080'));
    const broken = [...lines.slice(0, header), ...lines.slice(header + 1)];
    const full = parseText('ok.txt', lines.join('\n'));
    const result = parseText('broken.txt', broken.join('\n'));
    expect(result.complete).toBe(false);
    expect(result.notices).toContainEqual(expect.objectContaining({ line: header + 1, message: expect.stringMatching(/without an event header/) }));
    expect(result.artifact.toolTotals.events).toBe((full.artifact.toolTotals.events ?? 0) - 1);
  });

  it('lines that are not perf script events are counted and reported', () => {
    const text = fixtureText('perf_script_coarse.txt.gz').split('\n').slice(0, 400);
    text.splice(10, 0, 'Segmentation fault (core dumped)');
    const result = parseText('noise.txt', text.join('\n'));
    expect(result.complete).toBe(false);
    expect(result.notices).toContainEqual(expect.objectContaining({ line: 11, message: expect.stringMatching(/1 line not understood/) }));
  });

  it('a file without any event is an InputError naming the file', () => {
    expect(() => parseText('empty.txt', '# just a comment\n\n')).toThrow(/empty\.txt: no perf script event lines found/);
  });
});
