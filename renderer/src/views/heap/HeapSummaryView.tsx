import type { ConstructorRow, HeapView } from '../../../../analyzers/heap/view';
import { useFilePicker } from '../../components/useFilePicker';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatBytes, formatCount } from '../../format';

const COLUMNS: Column<ConstructorRow>[] = [
  { key: 'name', title: 'Constructor', value: (r) => r.name, width: 'minmax(240px, 3fr)' },
  { key: 'count', title: 'Count', value: (r) => r.count, render: (r) => formatCount(r.count), align: 'right' },
  { key: 'shallow', title: 'Shallow size', value: (r) => r.shallowBytes, render: (r) => formatBytes(r.shallowBytes), align: 'right' },
  { key: 'retained', title: 'Retained size', value: (r) => r.retainedBytes, render: (r) => formatBytes(r.retainedBytes), align: 'right' },
];

/** The DevTools-like Summary: objects grouped by constructor, one snapshot at a time. */
export function HeapSummaryView({ view }: { view: HeapView }) {
  const { current: snapshot, picker } = useFilePicker(view.snapshots, 'Snapshot');
  if (!snapshot) return <p>No heap snapshot in this case.</p>;
  return (
    <section className="heap-summary" aria-label="Heap summary">
      {picker}
      <p className="muted">
        {snapshot.file}: {formatCount(snapshot.nodeCount)} objects, {formatCount(snapshot.edgeCount)} references,{' '}
        {formatBytes(snapshot.totalBytes)} in all.
      </p>
      <VirtualTable
        label="Summary by constructor"
        rows={snapshot.constructors}
        columns={COLUMNS}
        initialSort={{ key: 'retained', descending: true }}
        rowKey={(r) => r.name}
      />
    </section>
  );
}
