import type { RankedEntry } from '../../../../analyzers/case/saved/locksView';
import { formatShare } from '../../../../analyzers/core/numberFormat';
import { formatNanos } from '../../../../analyzers/locks/viewText';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatCount } from '../../format';

const OPTIONAL: Partial<Record<string, (r: RankedEntry) => boolean>> = {
  type: (r) => r.lockType !== undefined,
  rate: (r) => r.contentionRate !== undefined,
  avg: (r) => r.avgNs !== undefined,
  max: (r) => r.maxNs !== undefined,
  callers: (r) => r.callers.length > 0,
};

/** A raw address says nothing by itself: it is shown with the function that waited on it most. */
function EntryLabel({ entry }: { entry: RankedEntry }) {
  const tid = entry.tid !== undefined && !entry.label.includes(String(entry.tid)) ? ` (${entry.tid})` : '';
  const addressOnly = entry.address !== undefined && entry.label === entry.address;
  const top = addressOnly ? entry.callers[0] : undefined;
  return (
    <span title={entry.address ?? entry.label}>
      {top && <>{top.label} </>}
      <code className={top ? 'muted' : undefined}>
        {entry.label}
        {tid}
      </code>
    </span>
  );
}

/** Locks, callers, threads or owners of one input, ranked by total wait (or hold) time. */
export function LocksTable({ rows, total, label, what, timeWord }: { rows: readonly RankedEntry[]; total: number; label: string; what: string; timeWord: string }) {
  const all: Column<RankedEntry>[] = [
    { key: 'label', title: what, value: (r) => r.label, render: (r) => <EntryLabel entry={r} />, width: '2.4fr' },
    { key: 'type', title: 'Type', value: (r) => r.lockType ?? '', width: '0.8fr' },
    { key: 'contended', title: 'Contended', value: (r) => r.contended, render: (r) => formatCount(r.contended), align: 'right' },
    { key: 'rate', title: 'Rate', value: (r) => r.contentionRate ?? -1, render: (r) => (r.contentionRate === undefined ? '—' : formatShare(r.contentionRate)), align: 'right', width: '0.7fr' },
    { key: 'total', title: `Total ${timeWord}`, value: (r) => r.totalNs, render: (r) => formatNanos(r.totalNs), align: 'right' },
    { key: 'avg', title: 'Avg', value: (r) => r.avgNs ?? -1, render: (r) => (r.avgNs === undefined ? '—' : formatNanos(r.avgNs)), align: 'right' },
    { key: 'max', title: 'Max', value: (r) => r.maxNs ?? -1, render: (r) => (r.maxNs === undefined ? '—' : formatNanos(r.maxNs)), align: 'right' },
    { key: 'share', title: 'Share', value: (r) => r.share, render: (r) => formatShare(r.share), align: 'right', width: '0.7fr' },
    { key: 'callers', title: 'Callers', value: (r) => r.callers.map((c) => c.label).join(', '), render: (r) => r.callers.slice(0, 3).map((c) => `${c.label} ${formatShare(c.share)}`).join(', '), width: '2fr' },
  ];
  if (rows.length === 0) return null;
  // A column no row of this input fills (a tool that does not count acquisitions has no rate) is left out.
  const columns = all.filter((c) => {
    const filled = OPTIONAL[c.key];
    return !filled || rows.some(filled);
  });
  return (
    <section aria-label={label}>
      <h3>
        {label} <small>({formatCount(rows.length)}, {formatNanos(total)} in all)</small>
      </h3>
      <VirtualTable rows={rows} columns={columns} initialSort={{ key: 'total', descending: true }} rowKey={(r, i) => `${r.address ?? r.label}#${r.tid ?? ''}#${i}`} label={label} maxRows={12} />
    </section>
  );
}
