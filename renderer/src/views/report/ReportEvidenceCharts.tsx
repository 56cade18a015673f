import { axisLabel } from '../../../../analyzers/report/chartGeometry';
import type { ReportFlame, ReportTrendChart } from '../../../../analyzers/report/reportModel';
import { ICICLE_LEGEND, icicleGeometry } from '../../../../analyzers/report/icicleGeometry';
import { TrendChart } from '../../components/TrendChart';

/** The report's trends over the captures, as the export draws them: the chart, then each line's fit in words. */
export function ReportTrends({ trends }: { trends: readonly ReportTrendChart[] }) {
  return (
    <>
      <h2>Trends</h2>
      {trends.map((t) => (
        <section key={t.title} className="report-figure" aria-label={t.title}>
          <h3>{t.title}</h3>
          <TrendChart captures={t.captures} lines={t.lines.map((l) => ({ name: l.name, trend: l }))} format={(v) => axisLabel(v, t.unit)} binary={t.unit === 'bytes'} label={t.title} />
          <ul>
            {t.lines.map((l) => (
              <li key={l.name}>{l.text}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** The report's flame graphs: the export's icicles (one geometry, analyzers/report/svgIcicle.ts), each frame's name, value and share in its tooltip. */
export function ReportFlames({ flames }: { flames: readonly ReportFlame[] }) {
  return (
    <>
      <h2>Flame graphs</h2>
      <p className="muted">{ICICLE_LEGEND}</p>
      {flames.map((f) => {
        const g = icicleGeometry(f);
        return (
          <figure key={f.title} className="report-figure">
            <figcaption>{f.title}</figcaption>
            <svg viewBox={`0 0 ${g.width} ${g.height}`} className="report-icicle" role="img" aria-label={f.title}>
              {g.frames.map((r, i) => (
                <g key={i}>
                  <title>{r.tip}</title>
                  <rect x={r.x} y={r.y} width={r.width} height={r.height} fill={r.fill} />
                  {r.text && (
                    <text x={r.x + 3} y={r.y + 12} fontSize={10} fill="#1d1f24">
                      {r.text}
                    </text>
                  )}
                </g>
              ))}
            </svg>
          </figure>
        );
      })}
    </>
  );
}
