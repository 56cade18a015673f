import { chartGeometry, SEVERITY_COLORS } from '../../../../analyzers/report/chartGeometry';
import { markerColor } from '../../markerColor';
import type { ReportChart, ReportCharts } from '../../../../analyzers/report/reportModel';

/** The same small-multiple chart the HTML export draws (one geometry, analyzers/report/chartGeometry.ts), as React SVG. */
export function ReportChartSvg({ chart, charts }: { chart: ReportChart; charts: ReportCharts }) {
  const g = chartGeometry(chart, charts);
  const { left, top, right, bottom } = g.plot;
  const title = `${chart.title}${chart.unit ? ` (${chart.unit})` : ''}`;
  return (
    <figure className="report-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} width="100%" role="img" aria-label={title}>
        {g.bands.map((b, i) => (
          <rect key={`b${i}`} x={b.x1} y={top} width={b.x2 - b.x1} height={bottom - top} fill={SEVERITY_COLORS[b.severity]} fillOpacity={b.own ? 0.22 : 0.08}>
            <title>{`${b.label} (${b.severity})`}</title>
          </rect>
        ))}
        {g.yTicks.map((t, i) => (
          <g key={`y${i}`}>
            <line x1={left} x2={right} y1={t.y} y2={t.y} style={{ stroke: 'var(--line)' }} />
            <text x={left - 6} y={t.y + 4} textAnchor="end" fontSize={10} style={{ fill: 'var(--muted)' }}>
              {t.label}
            </text>
          </g>
        ))}
        {g.xTicks.map((t, i) => (
          <text key={`x${i}`} x={t.x} y={bottom + 15} textAnchor="middle" fontSize={10} style={{ fill: 'var(--muted)' }}>
            {t.label}
          </text>
        ))}
        <line x1={left} x2={right} y1={bottom} y2={bottom} style={{ stroke: 'var(--muted)' }} />
        {g.path && <path d={g.path} fill="none" style={{ stroke: 'var(--accent)' }} strokeWidth={1.5} strokeLinejoin="round" />}
        {g.markers.map((m, i) => (
          <line key={`m${i}`} x1={m.x} x2={m.x} y1={top} y2={bottom} style={{ stroke: markerColor(m.kind) }} strokeWidth={1.5} strokeDasharray="4 2">
            <title>{`${m.kind}: ${m.title}`}</title>
          </line>
        ))}
      </svg>
    </figure>
  );
}
