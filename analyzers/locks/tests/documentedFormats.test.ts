/**
 * FORMAT TESTS, not captures: mutrace, /proc/lock_stat and klockstat cannot run on this machine
 * (no mutrace package, kernel without CONFIG_LOCK_STAT, no bcc), and perf 6.1 has no `-x`, `-l`
 * or `-o`. These inputs are the examples printed in the tools' documentation and mails, copied
 * from /work/shared/reference/input-formats.md into samples/locks/documented/ (sources named per
 * input below and in the README there), where the fuzz corpus finds them too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLockFolding } from '../folding';
import { klockstatFormat, sniffKlockstat } from '../klockstatFormat';
import { lockStatFormat, sniffLockStat } from '../lockStatFormat';
import { mutraceFormat, sniffMutrace } from '../mutraceFormat';
import { perfLockTableFormat } from '../perfLockTable';
import { readMostly } from '../diagnoses/readMostly';
import { summarize } from '../summary';

const documented = (name: string) => readFileSync(join(__dirname, '../../../samples/locks/documented', name), 'utf8');

// begriffs.com "Concurrent programming, with examples" (newer mutrace with the Flags column).
const MUTRACE = documented('mutrace.txt');

// torvalds/linux Documentation/locking/lockstat.rst.
const LOCK_STAT = documented('lock_stat.txt');

// iovisor/bcc tools/klockstat_example.txt.
const KLOCKSTAT = documented('klockstat.txt');

describe('mutrace (documented output)', () => {
  it('reads the rows as hold times and says so', () => {
    expect(sniffMutrace(MUTRACE)).toBe(true);
    const { artifact, notices, complete } = mutraceFormat.parseText('mutrace.txt', MUTRACE);
    expect(complete).toBe(true);
    expect(artifact.timeMeaning).toBe('hold');
    expect(artifact.byLock.map((r) => [r.acquired, r.contended, r.holdTotalNs, r.holdMaxNs])).toEqual([
      [200211, 95985, 991_349_000, 267_000],
      [200552, 61902, 641_963_000, 170_000],
      [199657, 47723, 476_737_000, 125_000],
    ]);
    expect(artifact.spanNs).toBe(1_896_903_000);
    expect(notices[0].message).toMatch(/held, not how long threads waited/);
    const summary = summarize({ artifact, complete, notices, file: 'mutrace.txt', formatId: 'mutrace' }, compileLockFolding());
    expect(summary.timeMeaning).toBe('hold');
    expect(summary.totalNs).toBe(991_349_000 + 641_963_000 + 476_737_000);
  });

  it('counts a mangled row instead of dropping it silently', () => {
    const { complete, notices } = mutraceFormat.parseText('m.txt', MUTRACE.replace('       1   200552', '       1   2OO552'));
    expect(complete).toBe(false);
    expect(notices.some((n) => n.line === 5)).toBe(true);
  });
});

describe('/proc/lock_stat 0.4 (documented output)', () => {
  it('reads classes in µs, the -R/-W sides and the contention points', () => {
    expect(sniffLockStat(LOCK_STAT)).toBe(true);
    const { artifact, complete } = lockStatFormat.parseText('lock_stat', LOCK_STAT);
    expect(complete).toBe(true);
    const [w, r] = artifact.byLock;
    expect(w).toMatchObject({ label: '&mm->mmap_sem-W', contended: 84, acquired: 2922365, waitTotalNs: 16_371_530, waitMaxNs: 939_100, writes: 2922365 });
    expect(r).toMatchObject({ label: '&mm->mmap_sem-R', contended: 100, reads: 34316685 });
    expect(r.callers.map((c) => [c.label, c.count])).toEqual([
      ['khugepaged_scan_mm_slot+0x57/0x280', 1],
      ['__do_page_fault+0x1d4/0x510', 96],
    ]);
  });

  it('finds the read-mostly rwsem: 92 % of acquisitions are reads', () => {
    const { artifact, complete, notices } = lockStatFormat.parseText('lock_stat', LOCK_STAT);
    const summary = summarize({ artifact, complete, notices, file: 'lock_stat', formatId: 'lock-stat' }, compileLockFolding());
    const finding = readMostly.detect(summary, 0);
    expect(finding?.title).toMatch(/&mm->mmap_sem is read-mostly \(92\.2 % reads\)/);
  });
});

describe('bcc klockstat (documented output)', () => {
  it('merges the spin (wait) and hold tables per caller', () => {
    expect(sniffKlockstat(KLOCKSTAT)).toBe(true);
    const { artifact } = klockstatFormat.parseText('klockstat.txt', KLOCKSTAT);
    expect(artifact.byCaller.map((r) => [r.label, r.contended, r.waitTotalNs, r.holdTotalNs])).toEqual([
      ['psi_avgs_work+0x2e', 5, 18379, undefined],
      ['flush_to_ldisc+0x22', 2, 5667, 85116],
    ]);
  });
});

describe('perf lock contention layouts of newer perf (documented in LKML mails)', () => {
  it('-x, CSV: raw nanoseconds under a # output: header', () => {
    const csv = `# output: contended, total wait, max wait, avg wait, type, caller
19, 194232, 21415, 10222, spinlock, process_one_work+0x1f0
15, 162748, 23843, 10849, rwsem:R, do_user_addr_fault+0x40e
1, 84281, 84281, 84281, mutex, iwl_mvm_async_handlers_wk+0x135
`;
    const { artifact, complete } = perfLockTableFormat.parseText('x.csv', csv);
    expect(complete).toBe(true);
    expect(artifact.variant).toBe('contention -x');
    expect(artifact.byCaller.map((r) => [r.label, r.lockType, r.contended, r.waitTotalNs, r.waitMaxNs])).toEqual([
      ['process_one_work+0x1f0', 'spinlock', 19, 194232, 21415],
      ['do_user_addr_fault+0x40e', 'rwsem:R', 15, 162748, 23843],
      ['iwl_mvm_async_handlers_wk+0x135', 'mutex', 1, 84281, 84281],
    ]);
  });

  it('-l by address: `ns` integers, empty symbols, the type in parentheses', () => {
    const text = ` contended   total wait     max wait     avg wait            address   symbol

         1    262.96 ms    262.96 ms    262.96 ms   ffff8e67502d0170    (mutex)
        12    244.24 us     39.91 us     20.35 us   ffff8e6af56f8070   mmap_lock (rwsem)
         4      2.11 us       559 ns       527 ns   ffffffff9a146c80   rcu_state (spinlock)
`;
    const { artifact } = perfLockTableFormat.parseText('l.txt', text);
    expect(artifact.byLock.map((r) => [r.address, r.label, r.lockType, r.waitMaxNs])).toEqual([
      ['ffff8e67502d0170', 'ffff8e67502d0170', 'mutex', 262_960_000],
      ['ffff8e6af56f8070', 'mmap_lock', 'rwsem', 39_910],
      ['ffffffff9a146c80', 'rcu_state', 'spinlock', 559],
    ]);
  });

  it('-o lock owner, pid -1 for unknown', () => {
    const text = ` contended   total wait     max wait     avg wait          pid   owner

       403    565.32 us     26.81 us      1.40 us           -1   Unknown
         4     27.99 us      8.57 us      7.00 us      1583145   sched-pipe
`;
    const { artifact } = perfLockTableFormat.parseText('o.txt', text);
    expect(artifact.byOwner.map((r) => [r.tid, r.label, r.contended])).toEqual([
      [-1, 'Unknown', 403],
      [1583145, 'sched-pipe', 4],
    ]);
  });

  it('the legacy report with integer `(ns)` columns (perf-lock.txt)', () => {
    const text = `                Name   acquired  contended   avg wait (ns)

                perf     240569          9            5784
             swapper     106610         19             543
`;
    const { artifact } = perfLockTableFormat.parseText('legacy.txt', text);
    expect(artifact.variant).toBe('report -t');
    expect(artifact.byThread.map((r) => [r.label, r.acquired, r.contended, r.waitAvgNs])).toEqual([
      ['perf', 240569, 9, 5784],
      ['swapper', 106610, 19, 543],
    ]);
  });
});
