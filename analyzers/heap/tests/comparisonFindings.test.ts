import { describe, expect, it } from 'vitest';
import { bytes } from '../../core/units';
import { comparisonFindings } from '../analyses/comparisonFindings';
import type { ClassDelta } from '../snapshotComparison';

const delta = (name: string, countDelta: number, bytesDelta: number): ClassDelta => ({
  name,
  countBefore: 5_000,
  countAfter: 5_000 + countDelta,
  countDelta,
  bytesBefore: bytes(1_000_000),
  bytesAfter: bytes(1_000_000 + bytesDelta),
  bytesDelta: bytes(bytesDelta),
  newCount: Math.max(0, countDelta),
  newBytes: bytes(Math.max(0, bytesDelta)),
  deletedCount: Math.max(0, -countDelta),
  deletedBytes: bytes(0),
  newIds: [],
});

describe('the heap growth finding', () => {
  it('writes the heap sizes in binary units and the object counts grouped, each count agreeing with its noun', () => {
    const [finding] = comparisonFindings({
      before: 'a.heapsnapshot',
      after: 'b.heapsnapshot',
      totalBytesBefore: bytes(3_432_395),
      totalBytesAfter: bytes(3_986_360),
      newObjectCount: 8_952,
      deletedObjectCount: 1,
      classes: [delta('Player', 2_400, 180_000), delta('Buffer', -1_200, 90_000), delta('Session', 1, 80)],
    });
    expect(finding.detail).toMatch(/^The live heap went from 3\.3 MiB to 3\.8 MiB; 8,952 objects are new \(by V8 object id\) and 1 was collected\. /);
    expect(finding.evidence.slice(2).map((e) => e.label)).toEqual(['Player: +2,400 objects', 'Buffer: −1,200 objects', 'Session: +1 object']);
  });
});
