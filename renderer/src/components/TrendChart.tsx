import type { CaptureTrend } from '../../../analyzers/case/saved/heapView';
import { TREND_COLORS, trendGeometry } from '../../../analyzers/report/trendGeometry';

export interface TrendLine {
  name: string;
  /** The values per capture and the fit's shape (a plateau is dashed). */
  trend: Pick<CaptureTrend, 'values' | 'shape'>;
}

interface Props {
  captures: readonly string[];
  lines: readonly TrendLine[];
  format: (v: number) => string;
  label: string;
  /** Byte quantities: value ticks on KiB/MiB steps. */
  binary?: boolean;
}

/**
 * Quantities over N captures of one process, one line each, captures evenly spaced in their own
 * order (snapshots carry ids, not times); a plateau is drawn dashed so a bound reached reads apart
 * from growth. The exported report's chart (one geometry, analyzers/report/trendGeometry.ts), as
 * plain SVG: a few dozen elements, where a charting library spent a tenth of a second on each view
 * that shows one. Each point's capture and value is in its tooltip.
 */
export function TrendChart({ captures, lines, format, label, binary = false }: Props) {
  const g = trendGeometry(captures.length, lines.map((l) => l.trend.values), binary);
  const { left, right, bottom } = g.plot;
  return (
    <figure className="trend-chart" aria-label={label}>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-label={label}>
        {g.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={left} x2={right} y1={t.y} y2={t.y} className="trend-grid" />
            <text x={left - 6} y={t.y + 4} textAnchor="end" className="trend-tick">
              {format(t.value)}
            </text>
          </g>
        ))}
        {captures.map((file, i) => (
          <text key={i} x={g.xs[i]} y={bottom + 15} textAnchor="middle" className="trend-tick">
            {i + 1}
            <title>{file}</title>
          </text>
        ))}
        <line x1={left} x2={right} y1={bottom} y2={bottom} className="trend-axis" />
        {lines.map((l, j) => {
          const color = TREND_COLORS[j % TREND_COLORS.length];
          return (
            <g key={l.name}>
              <path d={g.lines[j].path} fill="none" stroke={color} strokeWidth={1.5} strokeDasharray={l.trend.shape === 'plateau' ? '6 3' : undefined}>
                <title>{`${l.name} (${l.trend.shape})`}</title>
              </path>
              {g.lines[j].points.map((p, i) => (
                <circle key={i} cx={p.x} cy={p.y} r={3} fill={color}>
                  <title>{`${l.name} in capture ${i + 1} (${captures[i] ?? ''}): ${format(l.trend.values[i])}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="trend-legend">
        {lines.map((l, j) => (
          <span key={l.name}>
            <span className="swatch" style={{ background: TREND_COLORS[j % TREND_COLORS.length] }} /> {l.name} ({l.trend.shape})
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
