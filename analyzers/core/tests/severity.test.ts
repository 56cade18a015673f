import { describe, expect, it } from 'vitest';
import type { FindingImpact } from '../finding';
import { severityOf } from '../severity';
import { bytes } from '../units';

const MiB = 2 ** 20;

/** A class or cluster over three snapshots without time: `total` live at the end, `grown` of it added. */
const threeSnapshots = (total: number, grown: number, heap: number, heapGrowth: number): FindingImpact => ({
  retained: { bytes: bytes(total), share: total / heap, state: 'live' },
  growth: { grownBytes: bytes(grown), observations: 3, timeBase: 'none', shareOfGrowth: grown / heapGrowth },
});

describe('severity of growth across heap snapshots', () => {
  // Measured on ESLint's own heap, three snapshots as it type-checks a project: NodeObject (the AST)
  // is 78.9 MiB of a 383.7 MiB heap and gained 1.8 MiB of the heap's 44.3 MiB growth.
  it('weighs what grew, not the whole population of a class that grew a little', () => {
    // Medium for its size (a fifth of the heap, Eclipse MAT's suspect threshold), not high for its growth.
    expect(severityOf(threeSnapshots(78.9 * MiB, 1.8 * MiB, 383.7 * MiB, 44.3 * MiB))).toBe('medium');
    expect(severityOf(threeSnapshots(30 * MiB, 0.5 * MiB, 383.7 * MiB, 44.3 * MiB))).toBe('low');
  });

  it('keeps a leak that is a tenth of the heap high, and one that is a quarter of its growth', () => {
    // A leak cluster's growth is all it retains (samples/heap/batch_job.mjs: 651 KiB of a 5 MiB heap).
    expect(severityOf(threeSnapshots(0.65 * MiB, 0.65 * MiB, 5 * MiB, 1.4 * MiB))).toBe('high');
    expect(severityOf(threeSnapshots(2 * MiB, 2 * MiB, 100 * MiB, 4 * MiB))).toBe('high');
  });

  it('a trend whose growth is a tenth of the heap is high however its population compares', () => {
    expect(severityOf(threeSnapshots(60 * MiB, 40 * MiB, 300 * MiB, 200 * MiB))).toBe('high');
  });

  it('a steady rise of a few KiB in a heap of megabytes stays low; a middling one is medium', () => {
    expect(severityOf(threeSnapshots(20 * 1024, 20 * 1024, 30 * MiB, 2 * MiB))).toBe('low');
    expect(severityOf(threeSnapshots(1 * MiB, 0.6 * MiB, 30 * MiB, 4 * MiB))).toBe('medium');
  });
});
