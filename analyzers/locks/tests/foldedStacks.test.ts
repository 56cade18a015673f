import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { openFileSource } from '../../ingest/fileSource';
import { loadDetected, tempFile } from '../../ingest/tests/loadForTest';
import { compileLockFolding } from '../folding';
import { foldedStacksFormat } from '../foldedStacksFormat';
import { hotPathTree } from '../hotPaths';
import type { LockCapture } from '../model';
import { summarize } from '../summary';
import { fixturePath, fixtureText, loadScript, quietContext } from './fixtures';

/**
 * offcputime -U -f layout folded by samples/locks/fold_offcpu.py from the real perf script futex
 * captures (offcputime cannot run here: fixtures/offcputime/README.md).
 */
const FOLDED = 'offcputime/offcputime_U_f_coarse.txt';
const classifier = compileLockFolding();

async function loadFolded(name: string) {
  const loaded = await loadDetected<LockCapture>(fixturePath(name));
  return { ...loaded, file: name };
}

describe('folded off-CPU stacks (bcc offcputime -f layout)', () => {
  it('is detected from content; the lock-wait share of each function is the file\'s own µs over the lock-wait total', async () => {
    const input = await loadFolded(FOLDED);
    expect(input.formatId).toBe(foldedStacksFormat.id);
    expect(input.complete).toBe(true);
    const lines = fixtureText(FOLDED).trim().split('\n').map((l) => ({ stack: l.slice(0, l.lastIndexOf(' ')), us: Number(l.slice(l.lastIndexOf(' ') + 1)) }));
    const lockLines = lines.filter((l) => l.stack.includes('lll_lock_wait'));
    const total = lockLines.reduce((s, l) => s + l.us, 0);
    const tree = hotPathTree(summarize(input, classifier).paths);
    const transfer = lockLines.find((l) => l.stack.includes('transferItem'))!;
    expect(tree[0].label).toBe('transferItem');
    expect(tree[0].share).toBeCloseTo(transfer.us / total, 9);
    // The main thread's join is a wait for threads to finish, not for a lock.
    expect(input.artifact.idleWaits?.totalNs).toBe(lines.find((l) => l.stack.includes('clockjoin'))!.us * 1000);
  });

  it('ranks the functions as the perf script capture they were folded from does', async () => {
    const folded = hotPathTree(summarize(await loadFolded(FOLDED), classifier).paths);
    const script = hotPathTree(summarize(await loadScript('perf_script_coarse.txt.gz'), classifier).paths);
    expect(folded.slice(0, 3).map((n) => n.label)).toEqual(script.slice(0, 3).map((n) => n.label));
    for (let i = 0; i < 3; i++) expect(folded[i].share).toBeCloseTo(script[i].share, 2);
  });

  it('coarse then sharded: a before/after comparison without counts it does not have', async () => {
    const result = await runCase([FOLDED, 'offcputime/offcputime_U_f_sharded.txt'].map(fixturePath), { ...quietContext(), options: {} });
    const comparison = result.findings.find((f) => f.analysis === 'locks.comparison')!;
    expect(comparison.title).toMatch(/^Contention fell from offcputime_U_f_coarse\.txt to offcputime_U_f_sharded\.txt: total lock wait went from 1\.39 s to 673\.58 ms \(−51\.6 %\)$/);
    expect(comparison.detail).not.toContain('contended acquisitions');
  });
});

describe('bad folded stacks', () => {
  it('off-CPU time with no lock frame is named as not lock contention', async () => {
    const sleeps = 'worker;main;run;nanosleep;clock_nanosleep 5000\nworker;main;run;epoll_wait 12000\n';
    await expect(foldedStacksFormat.load(await openFileSource(tempFile('offcpu.txt', sleeps)), quietContext())).rejects.toThrow(
      'offcpu.txt: has 2 folded stacks but none waits on a lock (no futex, mutex, rwsem or spinlock frame): off-CPU time of sleeps, I/O or condition variables is not lock contention',
    );
  });

  it('a file cut mid-line keeps the lines before it and is marked incomplete', async () => {
    const text = fixtureText(FOLDED);
    const parsed = foldedStacksFormat.parseText('cut.txt', text.slice(0, text.lastIndexOf(';')));
    expect(parsed.complete).toBe(false);
    expect(parsed.notices[0].message).toBe(`1 line not folded stacks (comm;frame;…;frame <µs>), first at line ${text.trim().split('\n').length}`);
  });

  it('fractional values are named as a near miss', async () => {
    const result = await runCase([tempFile('folded.txt', 'app;main;pthread_mutex_lock;__lll_lock_wait 12.5\n')], { ...quietContext(), options: {} });
    expect(result.failures[0].message).toMatch(/it looks like Folded off-CPU stacks .* but line 1 ends in '12\.5', not a whole number of µs/);
    // Text that merely has semicolons (a JSON record, a sentence) is not called folded stacks.
    const json = await runCase([tempFile('events.jsonl', '{"ts": NaN, "title": "a; b; c", "detail": "players."}\n')], { ...quietContext(), options: {} });
    expect(json.failures[0].message).not.toContain('Folded off-CPU stacks');
  });
});
