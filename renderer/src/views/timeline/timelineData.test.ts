import { describe, expect, it } from 'vitest';
import { epochMillis } from '../../../../analyzers/core/units';
import type { TimelineEvent, TimelineView } from '../../../../analyzers/timeline/view';
import { chartGroups, fullRange, timeTickFormatter, valueAxis } from './timelineData';
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
});
