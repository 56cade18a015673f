import type { Finding, FindingImpact } from '../core/finding';
import { severityOf } from '../core/severity';
import { bytes, type Bytes } from '../core/units';
import type { HeapModel } from './heapModel';

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
export function compareSnapshots(before: HeapModel, after: HeapModel): SnapshotComparison {
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

  const perClass = (m: HeapModel, other: HeapModel, onMissing: (name: string, v: number) => void) => {
    const g = m.graph;
    const synthetic = m.ids.nodeSynthetic;
    for (let v = 0; v < g.nodeCount; v++) {
      if (g.nodeType[v] === synthetic || other.idIndex.has(g.nodeId[v])) continue;
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

const GROWTH_REPORTED = 0.1;

/** One finding when the heap grew by 10 % or more, naming the classes that grew most. */
export function comparisonFindings(c: SnapshotComparison): Finding[] {
  const growth = c.totalBytesAfter - c.totalBytesBefore;
  if (c.totalBytesBefore <= 0 || growth / c.totalBytesBefore < GROWTH_REPORTED) return [];
  const top = c.classes.filter((r) => r.bytesDelta > 0).slice(0, 5);
  const pct = (growth / c.totalBytesBefore) * 100;
  // Two snapshots are a difference, not a trend; the time between them is not in the files.
  const impact: FindingImpact = { growth: { grownBytes: bytes(growth), observations: 2, timeBase: 'none' } };
  return [
    {
      id: 'heap.growth.0',
      analysis: 'heap.comparison',
      category: 'memory-growth',
      severity: severityOf(impact),
      impact,
      title: `Heap grew by ${pct.toFixed(0)} % between ${c.before} and ${c.after}`,
      detail: `The live heap went from ${c.totalBytesBefore} to ${c.totalBytesAfter} bytes; ${c.newObjectCount} objects are new (by V8 object id) and ${c.deletedObjectCount} were collected. Growth alone is not a leak: see the leak clusters for objects that should have been released.`,
      evidence: [
        { label: 'heap before', value: c.totalBytesBefore, unit: 'bytes' },
        { label: 'heap after', value: c.totalBytesAfter, unit: 'bytes' },
        ...top.map((r) => ({ label: `${r.name}: ${r.countDelta >= 0 ? '+' : ''}${r.countDelta} objects`, value: r.bytesDelta, unit: 'bytes' as const })),
      ],
      paths: [],
      suggestedFix: `Look first at the classes that grew most (${top.map((r) => r.name).join(', ')}) and check why their instances are kept.`,
      sources: [c.before, c.after],
    },
  ];
}
