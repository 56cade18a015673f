import type { Finding } from '../core/finding';
import { groupDigits, plural } from '../core/numberFormat';
import type { InputNotice } from '../ingest/capability';
import { markFromPartialInputs } from '../ingest/partialInputs';
import type { SnapshotTruncation } from './heapGraph';
import { LOST_NAME } from './stringTable';

/** What a snapshot that stops early still gives, and what it lost, for the input's notices. */
export function cutSnapshotNotice(t: SnapshotTruncation, gzipped: boolean): InputNotice {
  const where = `${t.inside ? 'inside' : 'after'} the "${t.section}" section`;
  const lost = t.namesLost > 0 ? `${plural(t.namesLost, 'name')} it refers to ${t.namesLost === 1 ? 'is' : 'are'} lost (shown as "${LOST_NAME}")` : 'no name is lost';
  return {
    message: `the snapshot stops at byte ${groupDigits(t.byteOffset)}${gzipped ? ' of its decompressed content' : ''}, ${where}: its nodes and edges are whole, so sizes and paths are computed; ${lost}; the allocation trace, if any, is left out. Findings from it say so`,
  };
}

/**
 * A finding drawn from a snapshot that stops early says which, in its detail and its evidence:
 * the graph is whole but names may be lost, so a class could be one it does not name.
 */
export function markFromCutSnapshots(findings: readonly Finding[], cut: ReadonlyMap<string, SnapshotTruncation>): Finding[] {
  const why = new Map([...cut].map(([file, t]) => [file, `stops at byte ${groupDigits(t.byteOffset)} (${plural(t.namesLost, 'name')} lost; objects whose name was lost are shown as "${LOST_NAME}")`]));
  return markFromPartialInputs(findings, why, 'Computed from a snapshot cut short');
}
