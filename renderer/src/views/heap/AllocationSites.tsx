import { useState } from 'react';
import type { AllocationSiteRow, SnapshotAllocationSites } from '../../../../analyzers/case/saved/heapView';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatBytes, formatCount, plural } from '../../format';
import { StepPath } from '../../components/StepPath';

const COLUMNS: Column<AllocationSiteRow>[] = [
  { key: 'site', title: 'Allocation site', value: (r) => r.site, width: 'minmax(260px, 3fr)' },
  { key: 'live', title: 'Live objects', value: (r) => r.liveCount, render: (r) => formatCount(r.liveCount), align: 'right' },
  { key: 'liveBytes', title: 'Live size', value: (r) => r.liveBytes, render: (r) => formatBytes(r.liveBytes), align: 'right' },
  { key: 'allocated', title: 'Allocated', value: (r) => r.allocatedCount, render: (r) => formatCount(r.allocatedCount), align: 'right' },
  { key: 'allocatedBytes', title: 'Allocated size', value: (r) => r.allocatedBytes, render: (r) => formatBytes(r.allocatedBytes), align: 'right' },
];

/** Allocation timeline sites (DevTools' "Allocation instrumentation on timeline"): where live objects came from. */
export function AllocationSites({ snapshots }: { snapshots: readonly SnapshotAllocationSites[] }) {
  const [picked, setPicked] = useState<AllocationSiteRow>();
  return (
    <section aria-label="Allocation sites">
      {snapshots.map((s) => (
        <div key={s.file}>
          <h3>Allocation sites — {s.file}</h3>
          <p className="muted">
            {plural(s.siteCount, 'site')} recorded while allocation tracking ran{s.siteCount > s.sites.length ? `; the ${s.sites.length} with most live memory are listed` : ''}. Click a row for its stack.
          </p>
          <VirtualTable
            label={`Allocation sites of ${s.file}`}
            rows={s.sites}
            columns={COLUMNS}
            initialSort={{ key: 'liveBytes', descending: true }}
            rowKey={(r, i) => `${r.site}#${i}`}
            height={280}
            onRowClick={setPicked}
          />
        </div>
      ))}
      {picked && <StepPath label={`Allocation stack of ${picked.site} (innermost first)`} steps={picked.stack} />}
    </section>
  );
}
