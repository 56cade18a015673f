import { useState } from 'react';
import type { ClassObjects, ConstructorRow, HeapView, ObjectRow } from '../../../../analyzers/case/saved/heapView';
import { useFilePicker } from '../../components/useFilePicker';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatBytes, formatCount, plural } from '../../format';
import { StepPath } from '../../components/StepPath';
import { CodeLocationText } from './CodeLocationText';
import { useDrawnWhenIdle } from '../../components/useDrawnWhenIdle';
import { IdLink } from '../../components/IdLinks';
import { InSnapshot } from '../../components/InSnapshot';
import { objectCount } from '../../../../analyzers/heap/view';

const COLUMNS: Column<ConstructorRow>[] = [
  { key: 'name', title: 'Constructor', value: (r) => r.name, width: 'minmax(240px, 3fr)' },
  { key: 'count', title: 'Count', value: (r) => r.count, render: (r) => formatCount(r.count), align: 'right' },
  { key: 'shallow', title: 'Shallow size', value: (r) => r.shallowBytes, render: (r) => formatBytes(r.shallowBytes), align: 'right' },
  { key: 'retained', title: 'Retained size', value: (r) => r.retainedBytes ?? -1, render: (r) => (r.retainedBytes === undefined ? '—' : formatBytes(r.retainedBytes)), align: 'right' },
];

/**
 * The DevTools-like Summary: objects grouped by constructor, one snapshot at a time. A click on a
 * class shows its largest objects and what retains each (the table's rows have a fixed height, so
 * they open below it).
 */
export function HeapSummaryView({ view }: { view: HeapView }) {
  // The last snapshot first: the one the analysis indexed and judged (the explorer opens on it too).
  const { current: snapshot, index, picker } = useFilePicker(view.snapshots, 'Snapshot', view.snapshots.length - 1);
  const [chosen, setChosen] = useState<string>();
  if (!snapshot) return <p>No heap snapshot in this case.</p>;
  const largest = snapshot.largestObjects;
  const selected = chosen ?? largest?.find((c) => c.objects.length > 0)?.className;
  return (
    <section className="heap-summary" aria-label="Heap summary">
      {picker}
      <p className="muted">
        {snapshot.file}: {plural(objectCount(snapshot), 'object')}, {plural(snapshot.edgeCount, 'reference')},{' '}
        {formatBytes(snapshot.totalBytes)} in all.
      </p>
      {snapshot.complete === false && (
        <p className="error">
          This snapshot file stops early: its objects and references are whole, but {plural(snapshot.namesLost ?? 0, 'name')} {snapshot.namesLost === 1 ? 'is' : 'are'} lost
          (shown as “(name lost: file cut)”). See the input notices.
        </p>
      )}
      {snapshot.constructors[0]?.retainedBytes === undefined && (
        <p className="muted">
          No retained sizes here: an earlier snapshot of a set is only parsed (leak detection reads its object ids and classes, as memlab does); the Heap explorer
          computes them when you open this snapshot there.
        </p>
      )}
      <VirtualTable
        label="Summary by constructor"
        rows={snapshot.constructors}
        columns={COLUMNS}
        initialSort={{ key: 'retained', descending: true }}
        rowKey={(r) => r.name}
        onRowClick={largest ? (r) => setChosen(r.name) : undefined}
      />
      {largest && selected !== undefined && (
        <InSnapshot index={index}>
          <LargestObjects className={selected} classes={largest} />
        </InSnapshot>
      )}
    </section>
  );
}

/** DevTools' "Distance": edges from the root on the shortest retaining path. */
function reach(o: ObjectRow): string {
  if (o.distance === null) return 'not reachable from the GC roots';
  return `distance ${o.distance}${o.systemRootsOnly ? ', held through system roots only (no global)' : ''}`;
}

/** The objects the first frame draws: those that fit below the summary table on a usual window (the list starts near its bottom). */
const FIRST_OBJECTS = 3;

function LargestObjects({ className, classes }: { className: string; classes: readonly ClassObjects[] }) {
  const entry = classes.find((c) => c.className === className);
  const drawn = useDrawnWhenIdle();
  if (!entry) {
    return <p className="muted">Objects are listed for the {classes.length} classes that retain the most; {className} is not one of them.</p>;
  }
  return (
    <div className="heap-objects" role="group" aria-label={`Largest ${className} objects`}>
      <h3>
        Largest {className} objects <span className="muted">(by retained size, with what keeps each alive; click a class above for its own)</span>
      </h3>
      <ol>
        {(drawn ? entry.objects : entry.objects.slice(0, FIRST_OBJECTS)).map((o) => (
          <li key={o.id}>
            <strong>
              <IdLink id={o.id}>{o.label}</IdLink>
            </strong>{' '}
            <span className="muted">
              retains {formatBytes(o.retainedBytes)} (self {formatBytes(o.selfBytes)}), {reach(o)}
            </span>
            {o.location && (
              <>
                {' '}
                <CodeLocationText location={o.location} />
              </>
            )}
            <StepPath label={`Retainers of ${o.label}`} steps={o.retainerPath} inline />
          </li>
        ))}
      </ol>
    </div>
  );
}
