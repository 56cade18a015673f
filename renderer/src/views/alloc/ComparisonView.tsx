import type { RunComparison, SiteChange, SiteComparison } from '../../../../analyzers/case/saved/allocView';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatBytes, formatCount, signed } from '../../format';

const COLUMNS: Column<SiteComparison>[] = [
  { key: 'change', title: 'Change', value: (s) => s.change, width: '110px' },
  { key: 'key', title: 'Allocation site', value: (s) => s.key, render: (s) => <span title={s.path.join('\n')}>{s.key}</span>, width: 'minmax(260px, 3fr)' },
  { key: 'type', title: 'Object type', value: (s) => s.objectType ?? '', width: 'minmax(120px, 1fr)' },
  { key: 'before', title: 'Before', value: (s) => s.beforeBytes, render: (s) => formatBytes(s.beforeBytes), align: 'right', width: '100px' },
  { key: 'after', title: 'After', value: (s) => s.afterBytes, render: (s) => formatBytes(s.afterBytes), align: 'right', width: '100px' },
  { key: 'delta', title: 'Δ', value: (s) => s.deltaBytes, render: (s) => signed(s.deltaBytes, formatBytes), align: 'right', width: '100px' },
];
const SHOWN: SiteChange[] = ['disappeared', 'appeared', 'grew', 'shrank'];

/** Before/after runs site by site: what the fix removed, what it introduced, what grew. */
export function ComparisonView({ comparison, frame }: { comparison: RunComparison; frame?: string }) {
  const count = (c: SiteChange) => comparison.sites.filter((s) => s.change === c).length;
  // The path keeps the user's frames whole (library runs are folded into one step): they are what a frame filter matches.
  const rows = comparison.sites.filter((s) => s.change !== 'unchanged' && (frame === undefined || s.path.includes(frame)));
  const [beforeCol, afterCol] = [COLUMNS[3], COLUMNS[4]];
  const columns = comparison.fromDiff ? COLUMNS.filter((c) => c !== beforeCol && c !== afterCol) : COLUMNS;
  return (
    <div className="alloc-box" aria-label={`Comparison ${comparison.before} → ${comparison.after}`}>
      <h3>
        {comparison.before} → {comparison.after}
      </h3>
      <div className="alloc-stats">
        <span>
          leaked {comparison.fromDiff ? '' : `${formatBytes(comparison.beforeBytes)} → ${formatBytes(comparison.afterBytes)}, `}
          {signed(comparison.afterBytes - comparison.beforeBytes, formatBytes)}
        </span>
        {SHOWN.map((c) => (
          <span key={c}>
            {formatCount(count(c))} {c}
          </span>
        ))}
      </div>
      {rows.length > 0 ? (
        <VirtualTable
          label="Site changes"
          rows={rows}
          columns={columns}
          initialSort={{ key: 'delta', descending: true }}
          rowKey={(s) => s.key}
          maxRows={10}
        />
      ) : (
        <p className="muted">{frame === undefined ? 'No site changed.' : 'No changed site has this frame on its stack.'}</p>
      )}
    </div>
  );
}
