import type { ClassDelta, SnapshotComparison } from '../../../../analyzers/case/saved/heapView';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatBytes, formatCount, signed, plural } from '../../format';
import { useDrawnWhenIdle } from '../../components/useDrawnWhenIdle';

const COLUMNS: Column<ClassDelta>[] = [
  { key: 'name', title: 'Constructor', value: (r) => r.name, width: 'minmax(220px, 3fr)' },
  { key: 'new', title: 'New', value: (r) => r.newCount, render: (r) => formatCount(r.newCount), align: 'right' },
  { key: 'deleted', title: 'Deleted', value: (r) => r.deletedCount, render: (r) => formatCount(r.deletedCount), align: 'right' },
  { key: 'countDelta', title: '# Δ', value: (r) => r.countDelta, render: (r) => signed(r.countDelta, formatCount), align: 'right' },
  { key: 'countAfter', title: '# after', value: (r) => r.countAfter, render: (r) => formatCount(r.countAfter), align: 'right' },
  { key: 'newBytes', title: 'Alloc. size', value: (r) => r.newBytes, render: (r) => formatBytes(r.newBytes), align: 'right' },
  { key: 'deletedBytes', title: 'Freed size', value: (r) => r.deletedBytes, render: (r) => formatBytes(r.deletedBytes), align: 'right' },
  { key: 'bytesDelta', title: 'Size Δ', value: (r) => r.bytesDelta, render: (r) => signed(r.bytesDelta, formatBytes), align: 'right' },
];

const NO_ROWS: readonly ClassDelta[] = [];

/** DevTools' Comparison view: per constructor, objects new and deleted (by V8 id) and the deltas. */
export function ComparisonTable({ comparison }: { comparison: SnapshotComparison }) {
  const growth = comparison.totalBytesAfter - comparison.totalBytesBefore;
  // Last in the Leaks & cycles tab, below the fold of its first frame: the rows (and their sort) come
  // when the page is next idle, the header and the body's fixed height hold their place meanwhile.
  const drawn = useDrawnWhenIdle();
  return (
    <section aria-label="Snapshot comparison">
      <h3>Comparison</h3>
      <p className="muted">
        {comparison.before} → {comparison.after}: {formatBytes(comparison.totalBytesBefore)} → {formatBytes(comparison.totalBytesAfter)} (
        {signed(growth, formatBytes)}), {plural(comparison.newObjectCount, 'new object')}, {formatCount(comparison.deletedObjectCount)}{' '}
        deleted.
      </p>
      <VirtualTable
        label="Comparison by constructor"
        rows={drawn ? comparison.classes : NO_ROWS}
        columns={COLUMNS}
        initialSort={{ key: 'bytesDelta', descending: true }}
        rowKey={(r) => r.name}
        height={360}
      />
    </section>
  );
}
