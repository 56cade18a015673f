import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CaptureTrend } from '../../../analyzers/case/saved/heapView';

const COLORS = ['#2d5bd7', '#d9480f', '#2f9e44', '#ae3ec9', '#e8a317', '#1098ad'];

export interface TrendLine {
  name: string;
  trend: CaptureTrend;
}

/**
 * Quantities over N captures of one process, one line each, captures evenly spaced in their own
 * order (snapshots carry ids, not times); a plateau is drawn dashed so a bound reached reads apart
 * from growth.
 */
export function TrendChart({ captures, lines, format, label }: { captures: readonly string[]; lines: readonly TrendLine[]; format: (v: number) => string; label: string }) {
  // Keys are positional: class and site names may contain dots, which recharts reads as paths.
  const data = captures.map((file, i) => {
    const point: Record<string, number | string> = { capture: i + 1, file };
    lines.forEach((l, j) => (point[`line${j}`] = l.trend.values[i] ?? 0));
    return point;
  });
  return (
    <figure className="trend-chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="capture" type="number" domain={[1, Math.max(1, captures.length)]} allowDecimals={false} tickCount={Math.min(captures.length, 12)} />
          <YAxis tickFormatter={format} width={80} />
          <Tooltip formatter={(v) => format(Number(v))} labelFormatter={(i) => { const k = Number(i); return `capture ${k}: ${captures[k - 1] ?? ''}`; }} />
          <Legend />
          {lines.map((l, j) => (
            <Line
              key={l.name}
              dataKey={`line${j}`}
              name={`${l.name} (${l.trend.shape})`}
              stroke={COLORS[j % COLORS.length]}
              strokeDasharray={l.trend.shape === 'plateau' ? '6 3' : undefined}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
