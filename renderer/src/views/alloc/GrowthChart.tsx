import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LeakGrowth } from '../../../../analyzers/case/saved/allocView';
import { formatBytes } from '../../format';
import { formatDuration } from '../../../../analyzers/core/durationFormat';
import { formatUtc } from '../../../../analyzers/core/timeFormat';

const COLORS = ['#2d5bd7', '#d9480f', '#2f9e44', '#ae3ec9', '#e8a317'];
/** Sites drawn besides the total: more lines than this stop being readable. */
const MAX_SITE_LINES = 4;

const MS_PER_HOUR = 3_600_000;

/** Live bytes over time (total and the biggest sites) with the leak rate, its fit and the ETA. */
export function GrowthChart({ growth }: { growth: LeakGrowth }) {
  // The fastest-growing sites, not the biggest: a large buffer allocated once at startup is flat.
  const sites = [...growth.sites].sort((a, b) => b.bytesPerHour - a.bytesPerHour).slice(0, MAX_SITE_LINES);
  const inMs = growth.observedMs < 10_000;
  const formatTime = (seconds: number) => (inMs ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`);
  // Series keys are positional: site keys contain dots, which recharts would read as paths.
  const data = growth.timesMs.map((t, i) => {
    const point: Record<string, number> = { seconds: t / 1000, total: growth.totalLiveBytes[i] };
    sites.forEach((s, j) => (point[`site${j}`] = s.liveBytes[i] ?? 0));
    return point;
  });
  const growing = growth.bytesPerHour > 0;
  return (
    <div className="alloc-box" aria-label="Live bytes over time">
      <h3>Live bytes over time</h3>
      <div className="alloc-stats">
        <span>
          leak rate <strong>{formatBytes(growth.bytesPerHour)}/h</strong>
        </span>
        <span>linear fit R² {growth.r2.toFixed(2)}</span>
        <span>over {formatTime(growth.observedMs / 1000)}</span>
        <span>
          {growing && growth.hoursToLimit !== undefined
            ? `reaches ${formatBytes(growth.limitBytes)} (${growth.limitSource}) in ${formatDuration(growth.hoursToLimit * MS_PER_HOUR)}`
            : `not growing towards the ${formatBytes(growth.limitBytes)} limit (${growth.limitSource})`}
          {growth.limitReachedAtMs !== undefined ? `, at ${formatUtc(growth.limitReachedAtMs)}` : ''}
        </span>
      </div>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="seconds" type="number" domain={['dataMin', 'dataMax']} tickFormatter={formatTime} />
          <YAxis tickFormatter={(b: number) => formatBytes(b)} width={80} />
          <Tooltip formatter={(v) => formatBytes(Number(v))} labelFormatter={(s) => `${formatTime(Number(s))} after the first event`} />
          <Legend />
          <Line type="stepAfter" dataKey="total" name="all live bytes" stroke="currentColor" dot={false} isAnimationActive={false} />
          {sites.map((s, j) => (
            <Line
              key={s.key}
              type="stepAfter"
              dataKey={`site${j}`}
              name={`${s.objectType ? `${s.objectType} at ` : ''}${s.label}`}
              stroke={COLORS[j % COLORS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
