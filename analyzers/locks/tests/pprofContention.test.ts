import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { loadDetected, tempFile } from '../../ingest/tests/loadForTest';
import type { LockCapture } from '../model';
import { fixturePath, quietContext } from './fixtures';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

// Numbers from `go tool pprof -raw` of the same files (Go 1.19).
describe('Go mutex profile (runtime.SetMutexProfileFraction(1))', () => {
  it("is the store lock's delay attributed to the holder that unlocked it, inlined frames expanded", async () => {
    const loaded = await loadDetected<LockCapture>(fixturePath('inventory_mutex.pb.gz'));
    expect(loaded.formatId).toBe('go-pprof-contention');
    const capture = loaded.artifact;
    expect(capture.variant).toBe('mutex (stacks of the holders that made others wait)');
    expect(capture.byCaller).toHaveLength(1);
    const [row] = capture.byCaller;
    expect(row.label).toBe('main.(*Store).saveItem');
    expect(row.stack.map((f) => f.fn)).toEqual(['sync.(*Mutex).Unlock', 'main.(*Store).saveItem', 'main.worker']);
    expect(row.stack[1].symbol).toBe('main.(*Store).saveItem ./inventory_service.go:47');
    expect([row.contended, row.waitTotalNs]).toEqual([1598, 1992992682]);
  });
});

describe('Go block profile (runtime.SetBlockProfileRate(1))', () => {
  it('counts waits under sync.(*Mutex).Lock as lock waits and the WaitGroup wait as idle time', async () => {
    const { artifact: capture } = await loadDetected<LockCapture>(fixturePath('inventory_block.pb.gz'));
    expect(capture.variant).toBe('block (waiters’ stacks)');
    expect(capture.byCaller.map((r) => r.label)).toEqual(['main.(*Store).saveItem']);
    expect([capture.byCaller[0].contended, capture.byCaller[0].waitTotalNs]).toEqual([1598, 13831659739]);
    expect(capture.idleWaits).toEqual({ count: 1, totalNs: 1994096576 });
  });

  it('through the case: a lock-contention finding naming saveItem, from both profiles', async () => {
    const result = await runCase([fixturePath('inventory_mutex.pb.gz'), fixturePath('inventory_block.pb.gz')], { ...quietContext(), options: {} });
    expect(result.failures).toEqual([]);
    const contention = result.findings.filter((f) => f.category === 'lock-contention');
    expect(contention.length).toBeGreaterThan(0);
    expect(contention[0].title).toContain('saveItem');
  });
});

describe('bad pprof input', () => {
  it('a cut profile is refused with the reason, not read in part', async () => {
    const bytes = gunzipSync(readFileSync(fixturePath('inventory_block.pb.gz')));
    const result = await runCase([tempFile('block.pb.gz', gzipSync(bytes.subarray(0, bytes.length - 40)))], { ...quietContext(), options: {} });
    expect(result.failures[0].message).toMatch(/^block\.pb\.gz: is not a readable pprof profile \(it ends inside a field: cut short\?\)/);
  });

  it('a heap profile handed over as contention is told by its sample types', async () => {
    const heap = readFileSync(fixturePath('../../alloc/fixtures/inventory_heap.pb.gz'));
    const result = await runCase([tempFile('heap.pb.gz', heap)], { ...quietContext(), options: {} });
    expect(result.inputs[0].formatId).toBe('alloc.pprof-heap');
  });

  it('a protobuf that is not a profile is not claimed', async () => {
    // A message whose first field (number 15) the Profile message does not have.
    const result = await runCase([tempFile('other.pb', Buffer.from([0x7a, 0x03, 0x61, 0x62, 0x63, 0x0a, 0x01, 0x00, 0x0a, 0x01, 0x00]))], { ...quietContext(), options: {} });
    expect(result.failures[0].message).toMatch(/^other\.pb: is not a recognised input/);
  });
});
