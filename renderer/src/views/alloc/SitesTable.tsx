import { useMemo, useState } from 'react';
import type { AllocSiteView, LeakKind } from '../../../../analyzers/case/saved/allocView';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatBytes, formatCount, formatShare, plural } from '../../format';
import { KIND_NAMES } from './ReportSummary';
import { StackFrames } from './StackFrames';

/** The kinds of a site, biggest first: `direct + indirect`. */
function kindText(site: AllocSiteView): string {
  return (Object.entries(site.byKind) as [LeakKind, { bytes: number }][])
    .sort((a, b) => Math.abs(b[1].bytes) - Math.abs(a[1].bytes))
    .map(([kind]) => KIND_NAMES[kind])
    .join(' + ');
}

/**
 * Leak sites of one report, sortable; a click on a row shows its full stack below the table
 * (the table's rows have a fixed height, so the stack cannot open inside it).
 */
export function SitesTable({ sites, siteCount, emptyText = 'No leaked allocations in this report.' }: { sites: readonly AllocSiteView[]; siteCount: number; emptyText?: string }) {
  const [selectedKey, setSelectedKey] = useState<string | undefined>(sites[0]?.key);
  const selected = sites.find((s) => s.key === selectedKey);
  const columns = useMemo<Column<AllocSiteView>[]>(
    () => [
      {
        key: 'label',
        title: 'Allocation site',
        value: (s) => s.label,
        render: (s) => (
          <span title={s.key}>
            {s.key === selectedKey ? '▾ ' : '▸ '}
            {s.label}
          </span>
        ),
        width: 'minmax(260px, 3fr)',
      },
      { key: 'type', title: 'Object type', value: (s) => s.objectType ?? '', width: 'minmax(120px, 1.5fr)' },
      { key: 'bytes', title: 'Bytes', value: (s) => s.bytes, render: (s) => formatBytes(s.bytes), align: 'right', width: '100px' },
      { key: 'blocks', title: 'Blocks', value: (s) => s.blocks, render: (s) => formatCount(s.blocks), align: 'right', width: '80px' },
      { key: 'share', title: 'Share', value: (s) => s.share, render: (s) => formatShare(s.share), align: 'right', width: '80px' },
      {
        key: 'kind',
        title: 'Kind',
        value: (s) => kindText(s),
        render: (s) => (
          <>
            <span className="alloc-kind">{kindText(s)}</span>
            {s.inCycle && <span className="alloc-kind cycle"> cycle</span>}
          </>
        ),
        width: 'minmax(140px, 1fr)',
      },
    ],
    [selectedKey],
  );
  if (sites.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <div>
      <VirtualTable
        label="Leak sites"
        rows={sites}
        columns={columns}
        initialSort={{ key: 'bytes', descending: true }}
        rowKey={(s) => s.key}
        maxRows={12}
        onRowClick={(s) => setSelectedKey((k) => (k === s.key ? undefined : s.key))}
      />
      {siteCount > sites.length && <p className="muted">The {formatCount(sites.length)} biggest of {plural(siteCount, 'site')}.</p>}
      {selected && (
        <div className="alloc-box" aria-label="Stack of the selected site">
          <div>
            <strong>{selected.label}</strong>
            {selected.objectType ? ` — ${selected.objectType}` : ''}: {formatBytes(selected.bytes)} in {plural(selected.blocks, 'block')}
            {selected.ownedIndirectBytes > 0 ? `, owning ${formatBytes(selected.ownedIndirectBytes)} of indirectly lost blocks` : ''}
          </div>
          <StackFrames stack={selected.stack} userFrameIndex={selected.userFrameIndex} />
        </div>
      )}
    </div>
  );
}
