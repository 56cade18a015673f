import { epochMillis } from '../core/units';
import { describeSite } from './leakGrowth';
import type { AllocReportView } from './view';
import type { MetricSeries } from '../core/timeSeries';

/**
 * An event log's live bytes as timeline series (the total and each charted site) on the wall
 * clock, so that the timeline can draw the growth next to metrics and events. Empty when the log
 * has no growth or no `startEpochMs` to anchor it.
 */
export function liveBytesSeries(report: AllocReportView): MetricSeries[] {
  const growth = report.growth;
  if (!growth || growth.startEpochMs === undefined) return [];
  const start = growth.startEpochMs;
  const t = growth.timesMs.map((ms) => epochMillis(Math.round(start + ms)));
  const series = (id: string, name: string, v: number[], labels: Record<string, string>): MetricSeries => ({
    id: `alloc.live-bytes.${report.file}.${id}`,
    name,
    unit: 'bytes',
    labels: { file: report.file, ...labels },
    source: report.file,
    t,
    v,
  });
  return [
    series('total', 'live heap bytes', growth.totalLiveBytes, {}),
    ...growth.sites.map((s, i) => series(`site${i}`, `live bytes at ${describeSite(s)}`, s.liveBytes, { site: s.key })),
  ];
}
