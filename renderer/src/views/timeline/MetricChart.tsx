import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DetectionBand, TimelineEvent } from '../../../../analyzers/case/saved/timelineView';
import { axisLabel, MARKER_COLORS, SEVERITY_COLORS, timeTicks } from '../../../../analyzers/report/chartGeometry';
import { formatMetric } from '../../../../analyzers/report/reportFormat';
import { SERIES_COLORS, valueAxis, type ChartGroup, type TimeRange } from './timelineData';
import type { Selection } from './EvidencePanel';
import { formatUtc } from '../../../../analyzers/core/timeFormat';
import type { MetricSeries } from '../../../../analyzers/core/timeSeries';

interface Props {
  group: ChartGroup;
  range: TimeRange;
  events: readonly TimelineEvent[];
  bands: readonly DetectionBand[];
  cursorMs: number | undefined;
  onCursor: (ms: number | undefined) => void;
  onSelect: (s: Selection) => void;
  tickFormatter: (ms: number) => string;
  /** Label per event id (markerLabels: grouped so that they never overlap); none on this chart when absent. */
  eventLabels?: ReadonlyMap<string, string>;
  showTimeAxis: boolean;
  /** The span being drag-selected, drawn on every chart. */
  selecting?: TimeRange;
  onDrag: (phase: 'start' | 'move' | 'end', ms: number | undefined) => void;
}

export const SYNC_ID = 'aftermath-timeline';

export function seriesLabel(s: MetricSeries): string {
  const where = s.labels.instance ?? s.labels.host ?? s.labels.pod;
  return where ? `${s.name} (${where})` : s.name;
}

/**
 * One metric chart of the stack. Every chart gets the same x domain (the brushed range) and the
 * same cursor, so a moment reads straight down the stack; markers and bands are clickable.
 */
export function MetricChart({ group, range, events, bands, cursorMs, onCursor, onSelect, tickFormatter, eventLabels, showTimeAxis, selecting, onDrag }: Props) {
  const showEventLabels = eventLabels !== undefined;
  const ids = new Set(group.series.map((s) => s.id));
  const myBands = bands.filter((b) => b.seriesIds.length === 0 || b.seriesIds.some((id) => ids.has(id)));
  const yAxis = valueAxis(group, range);
  return (
    <figure className="timeline-chart" aria-label={`Chart of ${group.series.map(seriesLabel).join(', ')}`}>
      <figcaption className="muted">
        {group.series.map((s, k) => (
          <span key={s.id} className="series-key">
            <span className="swatch" style={{ background: SERIES_COLORS[k % SERIES_COLORS.length] }} />
            {seriesLabel(s)}
          </span>
        ))}
        {group.unit && <span className="unit">{group.unit}</span>}
      </figcaption>
      <ResponsiveContainer width="100%" height={showTimeAxis ? 180 : 150}>
        <LineChart
          data={group.rows}
          syncId={SYNC_ID}
          syncMethod="value"
          margin={{ top: showEventLabels ? 18 : 6, right: 16, bottom: 0, left: 8 }}
          onMouseMove={(state) => {
            const ms = Number(state.activeLabel);
            onCursor(Number.isFinite(ms) ? ms : undefined);
            onDrag('move', Number.isFinite(ms) ? ms : undefined);
          }}
          onMouseDown={(state) => onDrag('start', Number(state.activeLabel))}
          onMouseUp={(state) => onDrag('end', Number(state.activeLabel))}
          onMouseLeave={() => onCursor(undefined)}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={[range[0], range[1]]} allowDataOverflow ticks={timeTicks(range[0], range[1])} tickFormatter={tickFormatter} hide={!showTimeAxis} />
          <YAxis width={76} domain={yAxis.domain} ticks={yAxis.ticks} allowDataOverflow tickFormatter={(v: number) => axisLabel(v, group.unit)} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(label) => formatUtc(Number(label))}
            formatter={(value, name) => [formatMetric(Number(value), group.unit), String(name)]}
          />
          {myBands.map((b) => (
            <ReferenceArea
              key={b.id}
              x1={Math.max(b.startMs, range[0])}
              x2={Math.min(Math.max(b.endMs, b.startMs + 1), range[1])}
              fill={SEVERITY_COLORS[b.severity]}
              fillOpacity={0.12}
              stroke={SEVERITY_COLORS[b.severity]}
              strokeOpacity={0.3}
              ifOverflow="hidden"
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect({ kind: 'band', band: b })}
            />
          ))}
          {group.series.map((s, k) => (
            <Line key={s.id} dataKey={`s${k}`} name={seriesLabel(s)} stroke={SERIES_COLORS[k % SERIES_COLORS.length]} dot={false} isAnimationActive={false} connectNulls type="linear" />
          ))}
          {/* An event that lasts (an alert's firing window) shades its span behind its start line. */}
          {events.map((e) =>
            e.endMs !== undefined ? <ReferenceArea key={`${e.id}-span`} x1={e.atMs} x2={e.endMs} fill={MARKER_COLORS[e.kind]} fillOpacity={0.12} ifOverflow="hidden" style={{ cursor: 'pointer' }} onClick={() => onSelect({ kind: 'event', event: e })} /> : null,
          )}
          {events.map((e) => (
            <ReferenceLine
              key={e.id}
              x={e.atMs}
              stroke={MARKER_COLORS[e.kind]}
              strokeWidth={2}
              strokeDasharray={e.kind === 'note' ? '4 3' : undefined}
              ifOverflow="hidden"
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect({ kind: 'event', event: e })}
              label={showEventLabels && eventLabels.has(e.id) ? { value: eventLabels.get(e.id), position: 'top', fill: MARKER_COLORS[e.kind], fontSize: 10 } : undefined}
            />
          ))}
          {selecting && <ReferenceArea x1={selecting[0]} x2={selecting[1]} fill="currentColor" fillOpacity={0.1} ifOverflow="hidden" />}
          {cursorMs !== undefined && <ReferenceLine x={cursorMs} stroke="currentColor" strokeDasharray="2 2" ifOverflow="hidden" />}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
