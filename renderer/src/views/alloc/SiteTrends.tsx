import type { AllocSiteTrendReport } from '../../../../analyzers/case/saved/allocView';
import { describeTrend } from '../../../../analyzers/core/captureTrend';
import { chartedSites, ORDER_TEXT } from '../../../../analyzers/alloc/viewSiteTrends';
import { TOOL_NAMES } from '../../../../analyzers/alloc/viewText';
import { TrendChart } from '../../components/TrendChart';
import { formatBytes } from '../../format';

/** Lines drawn: more stop being readable; the table lists every site that changed. */
const MAX_LINES = 6;

/**
 * Per allocation site, its bytes across the captures of one process: what keeps growing, what
 * levelled off. `frame`: only the sites with that frame on their stack (a frame of the flame graph).
 */
export function SiteTrends({ trends: all, frame }: { trends: AllocSiteTrendReport; frame?: string }) {
  const trends = frame === undefined ? all : { ...all, sites: all.sites.filter((s) => s.path.includes(frame)) };
  const n = trends.captures.length;
  const drawn = chartedSites(trends, MAX_LINES);
  return (
    <section aria-label={`Site trends over ${n} captures`}>
      <h3>
        Trends over {n} captures ({TOOL_NAMES[trends.tool]})
      </h3>
      <p className="muted">Bytes in use per allocation site, {ORDER_TEXT[trends.orderedBy]}; dashed: reached a steady size.</p>
      {drawn.length > 0 && <TrendChart captures={trends.captures} lines={drawn.map((s) => ({ name: s.label, trend: s.bytes }))} format={formatBytes} binary label="Bytes per allocation site over the captures" />}
      <table className="alloc-trends">
        <thead>
          <tr>
            <th>Site</th>
            <th>Trend (bytes)</th>
            <th>First → last</th>
          </tr>
        </thead>
        <tbody>
          {trends.sites.map((s) => (
            <tr key={s.key}>
              <td title={s.path.join('\n')}>{s.objectType ? `${s.objectType} at ${s.label}` : s.label}</td>
              <td>{describeTrend(s.label, s.bytes, 'capture', formatBytes).slice(s.label.length + 1)}</td>
              <td>
                {formatBytes(s.bytes.values[0])} → {formatBytes(s.bytes.values[n - 1])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {trends.sites.length === 0 && <p className="muted">No site of these captures has this frame on its stack.</p>}
    </section>
  );
}
