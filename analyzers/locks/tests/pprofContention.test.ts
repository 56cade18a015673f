import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { loadDetected, tempFile } from '../../ingest/tests/loadForTest';
import { pprofProfileType } from '../../ingest/pprofProfile';
import type { LockCapture } from '../model';
import { fixturePath, quietContext } from './fixtures';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { pprofRawSamples } from '../../ingest/tests/pprofRaw';

/** Sample `row` of `go tool pprof -raw` on the fixture (count, nanoseconds), saved by samples/alloc/generate-profiles.sh. */
const raw = (name: string, row: number) => pprofRawSamples(fixturePath(`${name}.pprof-raw.txt`)).rows[row];

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
    expect([row.contended, row.waitTotalNs]).toEqual(raw('inventory_mutex.pb', 0));
  });
});

describe('Go block profile (runtime.SetBlockProfileRate(1))', () => {
  it('counts waits under sync.(*Mutex).Lock as lock waits and the WaitGroup wait as idle time', async () => {
    const { artifact: capture } = await loadDetected<LockCapture>(fixturePath('inventory_block.pb.gz'));
    expect(capture.variant).toBe('block (waiters’ stacks)');
    expect(capture.byCaller.map((r) => r.label)).toEqual(['main.(*Store).saveItem']);
    expect([capture.byCaller[0].contended, capture.byCaller[0].waitTotalNs]).toEqual(raw('inventory_block.pb', 0));
    const [idleCount, idleNs] = raw('inventory_block.pb', 1);
    expect(capture.idleWaits).toEqual({ count: idleCount, totalNs: idleNs });
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

  /** The real block profile decoded, changed by `damage`, encoded and gzipped again: damage a valid protobuf can carry. */
  async function damagedBlockProfile(damage: (profile: { sample: { locationId: number[]; value: number[] }[] }) => void): Promise<Buffer> {
    const ProfileType = await pprofProfileType();
    const message = ProfileType.toObject(ProfileType.decode(gunzipSync(readFileSync(fixturePath('inventory_block.pb.gz')))), { longs: Number, arrays: true, defaults: true });
    damage(message as { sample: { locationId: number[]; value: number[] }[] });
    return gzipSync(ProfileType.encode(ProfileType.fromObject(message)).finish());
  }
  const lockWaitSample = (p: { sample: { locationId: number[]; value: number[] }[] }) => p.sample.reduce((a, b) => (b.value[1] > a.value[1] ? b : a));

  it('a stack frame naming a location the profile lacks is told, the capture incomplete, its finding says so', async () => {
    const bytes = await damagedBlockProfile((p) => (lockWaitSample(p).locationId[1] = 987654));
    const result = await runCase([tempFile('block.pb.gz', bytes)], { ...quietContext(), options: {} });
    const [input] = result.inputs;
    expect(input.complete).toBe(false);
    expect(input.notices.map((n) => n.message)).toContain('1 stack frame names a location the profile does not have: shown as "location <id>"');
    const contention = result.findings.filter((f) => f.category === 'lock-contention');
    expect(contention.length).toBeGreaterThan(0);
    for (const f of contention) {
      expect(f.detail).toContain('Computed from incomplete input: block.pb.gz: 1 stack frame names a location the profile does not have');
      expect(f.evidence).toContainEqual({ label: 'Partial input', value: 'block.pb.gz' });
    }
  });

  it('a sample with a value missing or negative is left out with a notice, not read under the wrong type', async () => {
    for (const [damage, notice] of [
      [(p: Parameters<typeof lockWaitSample>[0]) => (lockWaitSample(p).value = [lockWaitSample(p).value[0]]), '1 sample with other than 2 values (one per sample type) left out'],
      [(p: Parameters<typeof lockWaitSample>[0]) => (lockWaitSample(p).value[1] = -5), '1 sample with a negative value left out (Go writes none; a pprof -diff_base profile is not read as one)'],
    ] as const) {
      const loaded = await loadDetected<LockCapture>(tempFile('block.pb.gz', await damagedBlockProfile(damage)));
      expect(loaded.complete).toBe(false);
      expect(loaded.notices.map((n) => n.message)).toContain(notice);
      // The only lock-wait stack was the damaged one: no wait is invented for it.
      expect(loaded.artifact.byCaller).toEqual([]);
    }
  });

  it('the undamaged profile re-encoded the same way is complete with no damage told', async () => {
    const loaded = await loadDetected<LockCapture>(tempFile('block.pb.gz', await damagedBlockProfile(() => {})));
    expect(loaded.complete).toBe(true);
    expect(loaded.artifact.byCaller[0].waitTotalNs).toBe(raw('inventory_block.pb', 0)[1]);
  });
});

describe('Go mutex and block profiles as text (?debug=1)', () => {
  for (const name of ['inventory_mutex', 'inventory_block']) {
    it(`${name}.txt reads as go tool pprof reads it, and as the protobuf of the same run`, async () => {
      const text = await loadDetected<LockCapture>(fixturePath(`${name}.txt`));
      expect(text.formatId).toBe('go-pprof-contention');
      expect(text.complete).toBe(true);
      const proto = await loadDetected<LockCapture>(fixturePath(`${name}.pb.gz`));
      const [row] = text.artifact.byCaller;
      expect([row.contended, row.waitTotalNs]).toEqual(raw(`${name}.txt`, 0));
      expect(text.artifact.variant).toBe(proto.artifact.variant);
      expect(text.artifact.byCaller.map((r) => [r.label, r.stack.map((f) => f.fn)])).toEqual(proto.artifact.byCaller.map((r) => [r.label, r.stack.map((f) => f.fn)]));
      expect(row.stack[1].symbol).toBe(proto.artifact.byCaller[0].stack[1].symbol);
      // The text form prints cycles at the CPU's clock, the protobuf nanoseconds: within a microsecond per contention.
      expect(Math.abs(row.waitTotalNs! - proto.artifact.byCaller[0].waitTotalNs!)).toBeLessThan(row.contended * 1000);
    });
  }

  it('names the line of a damaged record and a missing clock rate', async () => {
    const good = readFileSync(fixturePath('inventory_block.txt'), 'utf8');
    const damaged = tempFile('block.txt', good.replace(/^(\d+) 1599 @/m, '$1 15x9 @'));
    await expect(loadDetected(damaged)).rejects.toThrow(/block\.txt: expected a block profile record "CYCLES COUNT @ 0x…", found "\d+ 15x9 @ .*\(line 3\)/);
    const noClock = tempFile('block.txt', good.replace(/^cycles\/second=.*\n/m, ''));
    await expect(loadDetected(noClock)).rejects.toThrow(/block\.txt: has no "cycles\/second=" line/);
  });
});
