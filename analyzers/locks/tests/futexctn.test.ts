import { describe, expect, it } from 'vitest';
import { loadDetected, tempFile } from '../../ingest/tests/loadForTest';
import { runCase } from '../../pipeline/runCase';
import { compileLockFolding } from '../folding';
import { futexctnFormat } from '../futexctnFormat';
import { hotPathTree } from '../hotPaths';
import type { LockCapture } from '../model';
import { summarize } from '../summary';
import { fixturePath, fixtureText } from './fixtures';

/**
 * libbpf-tools futexctn layout written by samples/locks/fold_offcpu.py --futexctn from the real perf
 * script futex captures (BPF cannot run here: fixtures/futexctn/README.md).
 */
const COARSE = 'futexctn/futexctn_coarse.txt';
const classifier = compileLockFolding();
const ENTRY = /^(.*)\[(\d+)\] lock (0x[0-9a-f]+) contended (\d+) times, (\d+) avg usecs/;

async function load(name: string) {
  return { ...(await loadDetected<LockCapture>(fixturePath(name))), file: name };
}

/** The entries as the file prints them, with the stack under each. */
function entries(name: string) {
  const out: { address: string; contended: number; totalUs: number; stack: string[] }[] = [];
  let inStack = false;
  for (const line of fixtureText(name).split('\n')) {
    const m = ENTRY.exec(line);
    if (m) out.push({ address: m[3], contended: Number(m[4]), totalUs: Number(m[5]) * Number(m[4]), stack: [] });
    else if (line.trim() === '-') inStack = !inStack;
    else if (inStack) out[out.length - 1].stack.push(line.trim());
  }
  return out;
}

describe('bcc futexctn output', () => {
  it('is detected from content and gives the lock wait per futex address and per stack, as the file prints it', async () => {
    const input = await load(COARSE);
    expect(input.formatId).toBe(futexctnFormat.id);
    expect(input.complete).toBe(true);
    const printed = entries(COARSE);
    const byAddress = new Map<string, number>();
    for (const e of printed) byAddress.set(e.address, (byAddress.get(e.address) ?? 0) + e.totalUs);
    const hottest = [...byAddress].sort((a, b) => b[1] - a[1])[0];
    const summary = summarize(input, classifier);
    expect(summary.locks[0]).toMatchObject({ address: hottest[0], totalNs: hottest[1] * 1000, lockType: 'futex' });
    expect(summary.totalContended).toBe(printed.reduce((s, e) => s + e.contended, 0));
    // The mutex's slow path is folded: the wait lands on the application functions that took the lock.
    const tree = hotPathTree(summary.paths);
    const transfer = printed.filter((e) => e.stack.includes('(anonymous namespace)::transferItem')).reduce((s, e) => s + e.totalUs, 0);
    expect(tree[0].label).toBe('transferItem');
    expect(tree[0].share).toBeCloseTo(transfer / [...byAddress.values()].reduce((a, b) => a + b, 0), 9);
  });

  it('joins the lock analyses: the one futex the coarse build waits on is diagnosed, and the sharded capture is its fix', async () => {
    const analyze = (names: string[]) => runCase(names.map(fixturePath), { onProgress: () => {}, signal: new AbortController().signal, options: {} });
    const coarse = await analyze([COARSE]);
    const hottest = summarize(await load(COARSE), classifier).locks[0].address!;
    // perf gives the futex no symbol: the lock is named by the functions that wait on it, its address in the evidence.
    const shard = coarse.findings.find((f) => f.analysis === 'locks.shard-by-key')!;
    expect(shard.title).toBe('One lock serializes 3 independent operations: the lock of transferItem(), removeItem() and addItem() takes 100.0 % of all lock wait');
    expect(JSON.stringify(shard.evidence)).toContain(hottest);
    const pair = await analyze([COARSE, 'futexctn/futexctn_sharded.txt']);
    expect(pair.views.locks!.inputs.map((i) => i.tool)).toEqual(['futexctn', 'futexctn']);
    const [comparison] = pair.views.locks!.comparisons;
    expect(comparison.afterTopLockShare!).toBeLessThan(comparison.beforeTopLockShare!);
    expect(pair.findings.find((f) => f.analysis === 'locks.comparison')?.title).toMatch(/^Contention fell from futexctn_coarse\.txt to futexctn_sharded\.txt/);
  });

  it('marks an output cut inside a histogram incomplete and keeps the entries before it', async () => {
    const text = fixtureText(COARSE);
    const cutAt = text.indexOf('|', text.indexOf(' -> ', text.length / 2));
    const input = await loadDetected<LockCapture>(tempFile('futexctn_cut.txt', text.slice(0, cutAt)));
    expect(input.formatId).toBe(futexctnFormat.id);
    expect(input.complete).toBe(false);
    expect(input.notices.map((n) => n.message).join('\n')).toMatch(/ends inside the last entry's histogram/);
  });

  it('refuses output with no entry, naming the file', async () => {
    const only = tempFile('futexctn_empty.txt', 'inventory_serve[1] lock 0x1 contended 1 times, 5 avg usecs [max: 5 usecs, min 5 usecs]\n    -\n    pthread_cond_wait\n    -\n');
    await expect(loadDetected<LockCapture>(only)).rejects.toThrow(/futexctn_empty\.txt.*condition variable or a join/);
  });
});
