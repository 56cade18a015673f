import { describe, expect, it } from 'vitest';
import { epochMillis } from '../../../../analyzers/core/units';
import type { TimelineEvent, TimelineView } from '../../../../analyzers/timeline/view';
import { chartGroups, fullRange, markerLabels, timeTickFormatter, valueAxis, zoomRange } from './timelineData';
import type { MetricSeries } from '../../../../analyzers/core/timeSeries';

const s = (name: string, unit: MetricSeries['unit'], t: number[], v: number[]): MetricSeries => ({ id: name, name, unit, labels: {}, source: 'x', t: t.map(epochMillis), v });
const ev = (atMs: number, kind: TimelineEvent['kind']): TimelineEvent => ({ id: `${kind}${atMs}`, atMs: epochMillis(atMs), kind, title: kind, detail: '', source: 'x' });

describe('timeline chart data', () => {
  it('spans series and events; a finding marker far away does not stretch the axis unless it is all there is', () => {
    const view: TimelineView = { files: [], series: [s('cpu', '%', [1000, 2000], [1, 2])], events: [ev(500, 'deploy'), ev(9e12, 'finding')], detections: [] };
    expect(fullRange(view)).toEqual([500, 2000]);
    expect(fullRange({ ...view, series: [], events: [ev(9e12, 'finding')] })).toEqual([9e12 - 60_000, 9e12 + 60_000]);
    expect(fullRange({ ...view, series: [], events: [] })).toBeUndefined();
  });

  it('puts series of one unit on one chart, merged by time, keeping one point either side of the range', () => {
    const mem = s('rss', 'bytes', [0, 10, 20, 30, 40], [1, 2, 3, 4, 5]);
    const limit = s('limit', 'bytes', [0, 20, 40], [9, 9, 9]);
    const cpu = s('cpu', '%', [0, 40], [5, 6]);
    const groups = chartGroups([mem, cpu, limit], [15, 25]);
    expect(groups.map((g) => [g.unit, g.series.map((x) => x.id)])).toEqual([['bytes', ['rss', 'limit']], ['%', ['cpu']]]);
    expect(groups[0].rows).toEqual([{ t: 0, s1: 9 }, { t: 10, s0: 2 }, { t: 20, s0: 3, s1: 9 }, { t: 30, s0: 4 }, { t: 40, s1: 9 }]);
  });

  it('labels the axis by the zoom level, in UTC', () => {
    const t = Date.UTC(2026, 3, 2, 17, 0, 1);
    expect(timeTickFormatter([t, t + 5 * 60_000])(t)).toBe('17:00:01');
    expect(timeTickFormatter([t, t + 3_600_000])(t)).toBe('17:00');
    expect(timeTickFormatter([t, t + 3 * 86_400_000])(t)).toBe('04-02 17:00');
  });

  it('puts value ticks on 1, 2 or 5 × 10ⁿ, and byte ticks on round KiB/MiB/GiB, over the rows in view', () => {
    const cpu = chartGroups([s('cpu', '%', [0, 10, 20], [3, 71, 12])], [0, 20])[0];
    expect(valueAxis(cpu, [0, 20]).ticks).toEqual([0, 20, 40, 60, 80]);
    const gib = 2 ** 30;
    const rss = chartGroups([s('rss', 'bytes', [0, 10, 20], [2.3 * gib, 4.7 * gib, 7 * gib])], [0, 20])[0];
    const { ticks, domain } = valueAxis(rss, [0, 20]);
    expect(ticks.map((t) => t / gib)).toEqual([0, 2, 4, 6, 8]);
    expect(domain).toEqual([0, 8 * gib]);
    // Zoomed onto the first sample only: the axis follows the rows in view.
    expect(valueAxis(cpu, [0, 5]).ticks).toEqual([0, 1, 2, 3]);
  });

  it('labels markers so that they never overlap: close ones are one group, labelled once', () => {
    const events = [ev(0, 'deploy'), ev(10, 'alert'), ev(20, 'oom'), ev(500, 'alert'), ev(1000, 'restart')];
    const labels = markerLabels(events, [0, 1000]);
    expect([...labels.entries()]).toEqual([
      ['deploy0', 'deploy +2'],
      ['alert500', 'alert'],
      ['restart1000', 'restart'],
    ]);
    // Zoomed in, the same markers are far enough apart for a label each.
    expect(markerLabels(events.slice(0, 3), [0, 40]).size).toBe(3);
  });

  it('zooms around a moment and pans, staying inside the full range', () => {
    const full = [0, 100_000] as const;
    expect(zoomRange(full, full, 0.5, 0)).toEqual([0, 50_000]);
    expect(zoomRange([40_000, 60_000], full, 0.5, 50_000)).toEqual([45_000, 55_000]);
    expect(zoomRange([40_000, 60_000], full, 1, undefined, 0.5)).toEqual([50_000, 70_000]);
    expect(zoomRange([90_000, 100_000], full, 1, undefined, 1)).toEqual([90_000, 100_000]);
    expect(zoomRange([40_000, 60_000], full, 100)).toEqual([0, 100_000]);
    expect(zoomRange([50_000, 50_500], full, 0.1)[1] - zoomRange([50_000, 50_500], full, 0.1)[0]).toBe(1000);
  });
});
