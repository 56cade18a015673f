import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../../ingest/tests/loadForTest';
import { buildReport } from '../buildReport';
import { svgChart } from '../svgChart';
import { analyze } from './caseFixtures';
import { epochMillis, type EpochMillis } from '../../core/units';
import { chartGeometry, timeLabel, timeTicks } from '../chartGeometry';
import type { ReportChart, ReportCharts } from '../reportModel';
import { downsampleMinMax } from '../../timeline/downsample';
import { seriesPeak } from '../seriesStats';

const T0 = Date.UTC(2026, 2, 3, 17, 0, 0);
const times = (n: number, step = 1000): EpochMillis[] => Array.from({ length: n }, (_, i) => epochMillis(T0 + i * step));

describe('downsampleMinMax', () => {
  it('keeps a one-sample spike and the overall minimum of a long series', () => {
    const t = times(100_000);
    const v = t.map((_, i) => 10 + Math.sin(i / 500));
    v[73_219] = 9000;
    v[12_345] = -5;
    const d = downsampleMinMax(t, v, 400);
    expect(d.t.length).toBeLessThanOrEqual(400);
    expect(Math.max(...d.v)).toBe(9000);
    expect(Math.min(...d.v)).toBe(-5);
    expect(d.t[d.v.indexOf(9000)]).toBe(t[73_219]);
    expect(d.t).toEqual([...d.t].sort((a, b) => a - b));
  });

  it('returns short series as they are, without non-finite points', () => {
    const t = times(5);
    expect(downsampleMinMax(t, [1, NaN, 3, Infinity, 5], 400)).toEqual({ t: [t[0], t[2], t[4]], v: [1, 3, 5] });
  });
});

describe('seriesPeak', () => {
  it('finds the extremes and when they happened, skipping gaps', () => {
    const t = times(4);
    const p = seriesPeak({ id: 's', name: 'S', unit: 'ms', labels: {}, source: 'x', t, v: [NaN, 4, 9, 2] });
    expect(p).toMatchObject({ max: 9, maxAtMs: t[2], min: 2, minAtMs: t[3], first: 4, last: 2, points: 3, mean: 5 });
    expect(seriesPeak({ id: 's', name: 'S', unit: 'ms', labels: {}, source: 'x', t, v: [NaN, NaN, NaN, NaN] })).toBeUndefined();
  });
});

describe('chartGeometry', () => {
  const t = times(601);
  const chart: ReportChart = { seriesId: 'db', title: 'DB connections', unit: 'connections', t, v: t.map((_, i) => Math.min(100, i)) };
  const charts: ReportCharts = {
    domain: { startMs: t[0], endMs: t[600] },
    charts: [chart],
    markers: [
      { atMs: t[300], kind: 'alert', title: 'pool exhausted' },
      { atMs: epochMillis(T0 - 3_600_000), kind: 'deploy', title: 'outside the domain' },
    ],
    bands: [
      { startMs: t[100], endMs: t[200], label: 'stampede', severity: 'high', seriesIds: ['db'] },
      { startMs: t[150], endMs: t[400], label: 'latency', severity: 'medium', seriesIds: ['latency'] },
    ],
  };
  const g = chartGeometry(chart, charts, 700, 150);

  it('maps the domain onto the plot: first point at the left edge, last at the right, the max on top', () => {
    const points = g.path.slice(1).split('L').map((p) => p.split(' ').map(Number));
    expect(points).toHaveLength(601);
    expect(points[0][0]).toBeCloseTo(g.plot.left, 0);
    expect(points[600][0]).toBeCloseTo(g.plot.right, 0);
    const top = g.yTicks[g.yTicks.length - 1];
    expect(Math.min(...points.map((p) => p[1]))).toBeGreaterThanOrEqual(top.y - 0.1);
    expect(points[0][1]).toBeCloseTo(g.plot.bottom, 0);
  });

  it('puts round ticks on both axes, inside the plot', () => {
    expect(g.yTicks.map((y) => y.label)).toEqual(['0', '25', '50', '75', '100']);
    expect(g.xTicks.length).toBeGreaterThanOrEqual(3);
    for (const x of g.xTicks) {
      expect(x.x).toBeGreaterThanOrEqual(g.plot.left);
      expect(x.x).toBeLessThanOrEqual(g.plot.right);
      expect(x.label).toMatch(/^17:\d\d(:\d\d)?$/);
    }
  });

  it('draws markers inside the domain only and marks the bands detected on this series', () => {
    expect(g.markers.map((m) => m.title)).toEqual(['pool exhausted']);
    expect(g.markers[0].x).toBeCloseTo((g.plot.left + g.plot.right) / 2, 0);
    expect(g.bands.map((b) => [b.label, b.own])).toEqual([
      ['stampede', true],
      ['latency', false],
    ]);
    expect(g.bands[0].x2).toBeGreaterThan(g.bands[0].x1);
  });

  it('labels byte axes in binary units', () => {
    const mem: ReportChart = { seriesId: 'm', title: 'RSS', unit: 'bytes', t, v: t.map((_, i) => (i / 600) * 7.3 * 2 ** 30) };
    const labels = chartGeometry(mem, { ...charts, charts: [mem] }).yTicks.map((y) => y.label);
    expect(labels[0]).toBe('0 B');
    expect(labels.every((l) => /^\d+(\.\d)? GiB$|^0 B$/.test(l))).toBe(true);
    expect(labels[labels.length - 1]).toMatch(/^8 GiB$/);
  });
});

describe('timeTicks', () => {
  it('gives about seven ticks over any span, a damaged one of millions of years too', () => {
    expect(timeTicks(T0, T0 + 3_600_000)).toHaveLength(7);
    const ticks = timeTicks(0, 1e20);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.map((t) => timeLabel(t, 1e20)).every((l) => l === '' || /^\d{4}$/.test(l))).toBe(true);
  });

  it('past fourteen weeks, ticks on the first of a month or of a year, labelled by it; over days, the date at midnight', () => {
    const day = 86_400_000;
    // 245 days (the cache-stampede inputs months apart): every other month, not every 42 days.
    const months = timeTicks(Date.UTC(2026, 3, 11), Date.UTC(2026, 11, 12));
    expect(months.map((t) => timeLabel(t, 245 * day))).toEqual(['2026-05', '2026-07', '2026-09', '2026-11']);
    for (const t of months) expect(new Date(t).toISOString()).toMatch(/-01T00:00:00\.000Z$/);
    const years = timeTicks(Date.UTC(2000, 5, 1), Date.UTC(2026, 0, 1));
    expect(years.map((t) => timeLabel(t, Date.UTC(2026, 0, 1) - Date.UTC(2000, 5, 1)))).toEqual(['2005', '2010', '2015', '2020', '2025']);
    // Three days: 12-hour steps, the date where a day starts and the clock time between.
    const days = timeTicks(Date.UTC(2026, 3, 2, 17), Date.UTC(2026, 3, 5, 9));
    expect(days.map((t) => timeLabel(t, Date.UTC(2026, 3, 5, 9) - Date.UTC(2026, 3, 2, 17)))).toEqual(['04-03', '12:00', '04-04', '12:00', '04-05']);
  });
});

describe('alert firing windows on the report charts', () => {
  it('draws an alert that lasts as a band from its start to its end, under its start line', async () => {
    // The memory-leak-cluster's real ALERTS answer, with a gauge over the same hours in the same answer.
    const doc = JSON.parse(readFileSync(join(__dirname, '../../../samples/incidents/memory-leak-cluster/alerts.prometheus.json'), 'utf8')) as { data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
    const stamps = doc.data.result.flatMap((r) => r.values.map(([t]) => t));
    const [lo, hi] = [Math.min(...stamps), Math.max(...stamps)];
    const gauge: [number, string][] = [];
    for (let t = lo; t <= hi; t += 60) gauge.push([t, String(1e9 + (t - lo) * 1e5)]);
    doc.data.result.push({ metric: { __name__: 'container_memory_working_set_bytes', instance: 'game-1' }, values: gauge });
    const report = buildReport(await analyze([tempFile('alerts_with_memory.json', JSON.stringify(doc))]));
    const firing = report.charts!.markers.filter((m) => m.kind === 'alert');
    expect(firing.length).toBeGreaterThan(0);
    for (const m of firing) expect(m.endMs).toBeGreaterThan(m.atMs);
    const geometry = chartGeometry(report.charts!.charts[0], report.charts!);
    const bands = geometry.markers.filter((m) => m.kind === 'alert');
    expect(bands.every((m) => m.x2 !== undefined && m.x2 > m.x)).toBe(true);
    const svg = svgChart(geometry, 'memory');
    // Every event that lasts is shaded: the firing alerts and the pending one that never fired.
    expect(svg.match(/<rect class="event-band"/g)).toHaveLength(geometry.markers.filter((m) => m.x2 !== undefined).length);
    // The report's timeline lists the alert with its end too.
    expect(report.timeline.filter((e) => e.tag === 'alert').every((e) => e.endMs !== undefined)).toBe(true);
  });
});
