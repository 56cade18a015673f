import { bytes, type Bytes } from '../core/units';
import type { ParsedSnapshot } from './heapModel';
import { SharedIds } from './sharedIds';

/** One class's change between two snapshots; new/deleted objects are matched by V8 node id. */
export interface ClassDelta {
  name: string;
  countBefore: number;
  countAfter: number;
  countDelta: number;
  bytesBefore: Bytes;
  bytesAfter: Bytes;
  bytesDelta: Bytes;
  newCount: number;
  newBytes: Bytes;
  deletedCount: number;
  deletedBytes: Bytes;
  /** A few ids of objects that exist only in the later snapshot. */
  newIds: number[];
}

export interface SnapshotComparison {
  before: string;
  after: string;
  totalBytesBefore: Bytes;
  totalBytesAfter: Bytes;
  newObjectCount: number;
  deletedObjectCount: number;
  /** Classes whose count or size changed, largest size growth first. */
  classes: ClassDelta[];
}

const NEW_IDS_KEPT = 5;

/** DevTools' Comparison view: per class, counts and shallow sizes before/after, and objects new or gone by id. */
export function compareSnapshots(before: ParsedSnapshot, after: ParsedSnapshot, shared = new SharedIds()): SnapshotComparison {
  const rows = new Map<string, ClassDelta>();
  const row = (name: string): ClassDelta => {
    let r = rows.get(name);
    if (!r) {
      r = { name, countBefore: 0, countAfter: 0, countDelta: 0, bytesBefore: bytes(0), bytesAfter: bytes(0), bytesDelta: bytes(0), newCount: 0, newBytes: bytes(0), deletedCount: 0, deletedBytes: bytes(0), newIds: [] };
      rows.set(name, r);
    }
    return r;
  };
  for (const c of before.summary.constructors) Object.assign(row(c.name), { countBefore: c.count, bytesBefore: c.shallowBytes });
  for (const c of after.summary.constructors) Object.assign(row(c.name), { countAfter: c.count, bytesAfter: c.shallowBytes });

  const perClass = (m: ParsedSnapshot, other: ParsedSnapshot, onMissing: (name: string, v: number) => void) => {
    const g = m.graph;
    const synthetic = m.ids.nodeSynthetic;
    const inOther = shared.in(m, other);
    for (let v = 0; v < g.nodeCount; v++) {
      if (g.nodeType[v] === synthetic || inOther[v]) continue;
      onMissing(m.classes.names[m.classes.classOf[v]], v);
    }
  };
  let newObjectCount = 0;
  let deletedObjectCount = 0;
  perClass(after, before, (name, v) => {
    const r = row(name);
    r.newCount++;
    r.newBytes = bytes(r.newBytes + after.graph.nodeSelfSize[v]);
    if (r.newIds.length < NEW_IDS_KEPT) r.newIds.push(after.graph.nodeId[v]);
    newObjectCount++;
  });
  perClass(before, after, (name, v) => {
    const r = row(name);
    r.deletedCount++;
    r.deletedBytes = bytes(r.deletedBytes + before.graph.nodeSelfSize[v]);
    deletedObjectCount++;
  });
  const classes = [...rows.values()]
    .map((r) => ({ ...r, countDelta: r.countAfter - r.countBefore, bytesDelta: bytes(r.bytesAfter - r.bytesBefore) }))
    .filter((r) => r.countDelta !== 0 || r.bytesDelta !== 0 || r.newCount > 0 || r.deletedCount > 0)
    .sort((a, b) => b.bytesDelta - a.bytesDelta || b.countDelta - a.countDelta || a.name.localeCompare(b.name));
  return {
    before: before.graph.file,
    after: after.graph.file,
    totalBytesBefore: before.summary.totalBytes,
    totalBytesAfter: after.summary.totalBytes,
    newObjectCount,
    deletedObjectCount,
    classes,
  };
}
