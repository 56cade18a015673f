import { describe, expect, it } from 'vitest';
import { bytes } from '../../core/units';
import { planLoads } from '../loadPlan';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const snapshot = (mib: number, gzipped = false) => ({ sizeBytes: mib * MiB, gzipped });

describe('planLoads: how many files of a case load at once', () => {
  it('loads up to the core count at once when the memory they need is free', () => {
    const three = [snapshot(300), snapshot(300), snapshot(300)];
    expect(planLoads(three, { cores: 2, freeBytes: bytes(16 * GiB) })).toEqual({ parallel: 2, underWay: 3 });
    expect(planLoads(three, { cores: 8, freeBytes: bytes(16 * GiB) })).toEqual({ parallel: 3, underWay: 3 });
    expect(planLoads([snapshot(300)], { cores: 8, freeBytes: bytes(16 * GiB) })).toEqual({ parallel: 1, underWay: 1 });
    expect(planLoads(three, { cores: 1, freeBytes: bytes(16 * GiB) })).toEqual({ parallel: 1, underWay: 1 });
  });

  it('lets one more load build its model while the others are read only when its overhead fits too', () => {
    // Held 4.5 GiB; two reads at once add 1 GiB, a third load under way 0.5 GiB more.
    const three = [snapshot(1024), snapshot(1024), snapshot(1024)];
    expect(planLoads(three, { cores: 2, freeBytes: bytes(6 * GiB) })).toEqual({ parallel: 2, underWay: 3 });
    expect(planLoads(three, { cores: 2, freeBytes: bytes(5.8 * GiB) })).toEqual({ parallel: 2, underWay: 2 });
  });

  it('degrades to fewer at a time, then one at a time, with a notice, when memory is short', () => {
    // Three 1 GiB snapshots stay held at 1.5 × (4.5 GiB); each load at once adds 0.5 × its file.
    const three = [snapshot(1024), snapshot(1024), snapshot(1024)];
    expect(planLoads(three, { cores: 4, freeBytes: bytes(6 * GiB) })).toEqual({ parallel: 3, underWay: 3 });
    const two = planLoads(three, { cores: 4, freeBytes: bytes(5.6 * GiB) });
    expect(two.parallel).toBe(2);
    expect(two.notice).toBe('loaded 2 at a time, not 3 in parallel: loading 3 at once needs about 6.0 GiB and the machine had 5.6 GiB free');
    const one = planLoads(three, { cores: 4, freeBytes: bytes(4 * GiB) });
    expect(one.parallel).toBe(1);
    expect(one.notice).toMatch(/^loaded one at a time, not 3 in parallel/);
  });

  it('counts a gzipped file as what it expands to', () => {
    const gzipped = [snapshot(100, true), snapshot(100, true)];
    expect(planLoads(gzipped, { cores: 2, freeBytes: bytes(2.5 * GiB) }).parallel).toBe(1);
    expect(planLoads([snapshot(100), snapshot(100)], { cores: 2, freeBytes: bytes(2.5 * GiB) }).parallel).toBe(2);
  });
});
