import type { AllocReportView, KindTotal, LeakKind } from '../../../../analyzers/case/saved/allocView';
import { formatBytes, formatCount, plural } from '../../format';
import { TOOL_NAMES } from '../../../../analyzers/alloc/viewText';

export const KIND_NAMES: Record<LeakKind, string> = {
  direct: 'direct',
  indirect: 'indirect',
  possible: 'possibly lost',
  reachable: 'still reachable',
  unfreed: 'never freed',
  live: 'in use at the profile',
};

/** Entries shown per heaptrack ranking besides the leaks. */
const OTHER_ENTRIES = 10;

/** One report file: tool, whether it is complete, totals by kind against the tool's own totals. */
export function ReportSummary({ report }: { report: AllocReportView }) {
  const kinds = Object.entries(report.totals.byKind) as [LeakKind, KindTotal][];
  const t = report.toolTotals;
  return (
    <div className="alloc-box" aria-label={`Report ${report.file}`}>
      <h3>
        {report.file} — {TOOL_NAMES[report.tool]}
        {report.isDiff ? ' (diff: this run minus the base run)' : ''}
      </h3>
      {!report.complete && <p className="error">Incomplete: the file is cut short or partly unreadable; what it holds is shown.</p>}
      <table className="alloc-totals">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Bytes</th>
            <th>Blocks</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map(([kind, total]) => (
            <tr key={kind}>
              <td>{KIND_NAMES[kind]}</td>
              <td>{formatBytes(total.bytes)}</td>
              <td>{formatCount(total.blocks)}</td>
            </tr>
          ))}
          <tr>
            <td>
              <strong>all records</strong>
            </td>
            <td>
              <strong>{formatBytes(report.totals.bytes)}</strong>
            </td>
            <td>
              <strong>{formatCount(report.totals.blocks)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      {report.totalCheck && <p className="muted">{report.totalCheck.text}</p>}
      <div className="alloc-stats">
        {t.peakBytes !== undefined && <span>peak heap {formatBytes(t.peakBytes)}</span>}
        {t.allocationCalls !== undefined && <span>{plural(t.allocationCalls, 'allocation call')}</span>}
        {t.temporaryAllocations !== undefined && <span>{plural(t.temporaryAllocations, 'temporary allocation')}</span>}
        {report.eventCounts && (
          <>
            <span>{plural(report.eventCounts.events, 'event')}</span>
            <span>
              {plural(report.eventCounts.allocs, 'allocation')}, {plural(report.eventCounts.frees, 'free')}
            </span>
            {report.eventCounts.unknownFrees > 0 && <span>{plural(report.eventCounts.unknownFrees, 'free')} of unknown pointers</span>}
            <span>peak live {formatBytes(report.eventCounts.peakLiveBytes)}</span>
          </>
        )}
      </div>
      {report.otherSections?.map((section) => (
        <details key={section.title}>
          <summary>{section.title.toLowerCase()}</summary>
          <ol>
            {section.entries.slice(0, OTHER_ENTRIES).map((e, i) => (
              <li key={i}>
                {section.unit === 'bytes' ? formatBytes(e.value) : formatCount(e.value)} ({plural(e.calls, 'call')}) <code>{e.label}</code>
              </li>
            ))}
          </ol>
        </details>
      ))}
      {report.suppressions.length > 0 && (
        <p className="muted">
          Suppressed: {report.suppressions.map((s) => `${s.template} (${formatCount(s.count)}×, ${formatBytes(s.bytes)})`).join('; ')}
        </p>
      )}
    </div>
  );
}
