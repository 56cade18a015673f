import { describe, expect, it } from 'vitest';
import { epochMillis } from '../../../../analyzers/core/units';
import type { TimelineEvent, TimelineView } from '../../../../analyzers/timeline/view';
import { join } from 'node:path';
import { INCIDENTS, load } from '../../../../analyzers/timeline/tests/helpers';
import { LABEL_SPACING_PX, chartColumns, chartGroups, dragRange, fullRange, markerLabels, nearestEvent, nextMarker, panTo, timeTickFormatter, valueAxis, zoomRange } from './timelineData';
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

  it('puts series of one unit on one chart, merged by time, with one point either side of the range', () => {
    const mem = s('rss', 'bytes', [0, 10, 20, 30, 40], [1, 2, 3, 4, 5]);
    const limit = s('limit', 'bytes', [0, 20, 40], [9, 9, 9]);
    const cpu = s('cpu', '%', [0, 40], [5, 6]);
    const groups = chartGroups([mem, cpu, limit]);
    expect(groups.map((g) => [g.key, g.series.map((x) => x.id)])).toEqual([['bytes#0', ['rss', 'limit']], ['%#0', ['cpu']]]);
    expect(chartColumns(groups[0], [15, 25], 100)).toEqual([
      [0, 10, 20, 30, 40],
      [null, 2, 3, 4, null],
      [9, null, 9, null, 9],
    ]);
  });

  it('gives an error rate of 0–1.6 % an axis of its own beside CPU at 0–100 %', async () => {
    // The memory-leak sample's one CSV: CPU up to 100 %, errors up to 1.55 %.
    const { artifact: game } = await load(join(INCIDENTS, 'memory-leak', 'game-1-metrics.csv'));
    const named = (name: string) => ({ ...game.series.find((x) => x.name === name)!, id: name });
    const cpu = named('cpu_percent');
    const errors = named('error_rate_percent');
    expect([Math.max(...cpu.v), Math.max(...errors.v)]).toEqual([100, 1.55]);
    // A share of one arrives from the analysis as the percentage it is (timeline/metricUnits ratioAsPercent).
    const ratio = { ...errors, id: 'ratio', name: 'error_ratio', unit: '%' as const };
    const groups = chartGroups([cpu, errors, ratio]);
    expect(groups.map((g) => [g.key, g.unit, g.series.map((x) => x.id)])).toEqual([
      ['%#0', '%', ['cpu_percent']],
      ['%#1', '%', ['error_rate_percent', 'ratio']],
    ]);
    // Of one magnitude, they share the axis: CPU user and system at 40 % and 8 %.
    expect(chartGroups([cpu, { ...cpu, id: 'sys', v: cpu.v.map((v) => v / 5) }])).toHaveLength(1);
  });

  it('labels the axis by the zoom level, in UTC', () => {
    const t = Date.UTC(2026, 3, 2, 17, 0, 1);
    expect(timeTickFormatter([t, t + 5 * 60_000])(t)).toBe('17:00:01');
    expect(timeTickFormatter([t, t + 3_600_000])(t)).toBe('17:00');
    expect(timeTickFormatter([t, t + 3 * 86_400_000])(t)).toBe('17:00');
    expect(timeTickFormatter([t, t + 3 * 86_400_000])(Date.UTC(2026, 3, 3))).toBe('04-03');
  });

  it('puts value ticks on 1, 2 or 5 × 10ⁿ, and byte ticks on round KiB/MiB/GiB, over the points in view', () => {
    const cpu = chartGroups([s('cpu', '%', [0, 10, 20], [3, 71, 12])])[0];
    expect(valueAxis(chartColumns(cpu, [0, 20], 100), [0, 20], '%').ticks).toEqual([0, 20, 40, 60, 80]);
    const gib = 2 ** 30;
    const rss = chartGroups([s('rss', 'bytes', [0, 10, 20], [2.3 * gib, 4.7 * gib, 7 * gib])])[0];
    const { ticks, domain } = valueAxis(chartColumns(rss, [0, 20], 100), [0, 20], 'bytes');
    expect(ticks.map((t) => t / gib)).toEqual([0, 2, 4, 6, 8]);
    expect(domain).toEqual([0, 8 * gib]);
    // Zoomed onto the first sample only: the axis follows the points in view.
    expect(valueAxis(chartColumns(cpu, [0, 5], 100), [0, 5], '%').ticks).toEqual([0, 1, 2, 3]);
    // Zoomed in between two samples: the line between them is what is in view.
    expect(valueAxis(chartColumns(cpu, [12, 14], 100), [12, 14], '%').ticks).toEqual([0, 20, 40, 60, 80]);
  });

  it('labels markers so that they never overlap: close ones are one group, labelled once', () => {
    const events = [ev(0, 'deploy'), ev(10, 'alert'), ev(20, 'oom'), ev(500, 'alert'), ev(1000, 'restart')];
    // 800 px for 1000 ms: 64 px is 80 ms.
    const labels = markerLabels(events, [0, 1000], 800);
    expect([...labels.entries()]).toEqual([
      ['deploy0', '3 events'],
      ['alert500', 'alert'],
      ['restart1000', 'restart'],
    ]);
    // Zoomed in, the same markers are far enough apart for a label each.
    expect(markerLabels(events.slice(0, 3), [0, 40], 800).size).toBe(3);
    // On a narrow plot (the charts beside the evidence panel at 1280 px) they group sooner.
    expect([...markerLabels(events, [0, 1000], 100).values()]).toEqual(['4 events', 'restart']);
    // Close markers of one kind keep its name.
    expect([...markerLabels([ev(0, 'alert'), ev(10, 'alert'), ev(500, 'deploy')], [0, 1000], 800).values()]).toEqual(['alert +1', 'deploy']);
    // Whatever the width, first markers of neighbouring groups are LABEL_SPACING_PX apart or more.
    for (const width of [120, 400, 794, 1600]) {
      const firsts = events.filter((e) => markerLabels(events, [0, 1000], width).has(e.id)).map((e) => (e.atMs / 1000) * width);
      for (let k = 1; k < firsts.length; k++) expect(firsts[k] - firsts[k - 1]).toBeGreaterThanOrEqual(LABEL_SPACING_PX);
    }
  });

  it('steps from the marker whose evidence is open, wherever it was opened from', () => {
    const events = [ev(500, 'alert'), ev(0, 'deploy'), ev(1000, 'restart')];
    expect(nextMarker(events, undefined, 1)?.id).toBe('deploy0');
    expect(nextMarker(events, undefined, -1)?.id).toBe('restart1000');
    // A marker clicked with the mouse: ] goes on from it, not from the last one stepped to.
    expect(nextMarker(events, 'alert500', 1)?.id).toBe('restart1000');
    expect(nextMarker(events, 'alert500', -1)?.id).toBe('deploy0');
    expect(nextMarker(events, 'restart1000', 1)?.id).toBe('deploy0');
    expect(nextMarker([], undefined, 1)).toBeUndefined();
  });

  it('pans a zoomed range to a marker out of view without zooming, inside the full range', () => {
    expect(panTo([100, 200], [0, 1000], 500)).toEqual([450, 550]);
    expect(panTo([100, 200], [0, 1000], 990)).toEqual([900, 1000]);
    expect(panTo([400, 600], [0, 1000], 10)).toEqual([0, 200]);
  });

  it('opens the marker nearest the click where hit areas overlap', () => {
    const events = [ev(1000, 'alert'), ev(0, 'deploy'), ev(1010, 'oom')];
    expect(nearestEvent(events, 1004)?.id).toBe('alert1000');
    expect(nearestEvent(events, 1006)?.id).toBe('oom1010');
    expect(nearestEvent(events, -50)?.id).toBe('deploy0');
    expect(nearestEvent([], 5)).toBeUndefined();
  });

  it('pans the window of the range strip and moves its edges, inside the full range', () => {
    const full = [0, 100_000] as const;
    expect(dragRange([20_000, 40_000], full, 'window', 15_000)).toEqual([35_000, 55_000]);
    expect(dragRange([20_000, 40_000], full, 'window', -50_000)).toEqual([0, 20_000]);
    expect(dragRange([20_000, 40_000], full, 'window', 90_000)).toEqual([80_000, 100_000]);
    expect(dragRange([20_000, 40_000], full, 'start', -5_000)).toEqual([15_000, 40_000]);
    expect(dragRange([20_000, 40_000], full, 'start', 30_000)).toEqual([39_000, 40_000]);
    expect(dragRange([20_000, 40_000], full, 'end', 80_000)).toEqual([20_000, 100_000]);
    expect(dragRange([20_000, 40_000], full, 'end', -30_000)).toEqual([20_000, 21_000]);
  });

  it('zooms around a moment and pans, staying inside the full range', () => {
    const full = [0, 100_000] as const;
    expect(zoomRange(full, full, 0.5, 0)).toEqual([0, 50_000]);
    expect(zoomRange([40_000, 60_000], full, 0.5, 50_000)).toEqual([45_000, 55_000]);
    expect(zoomRange([40_000, 60_000], full, 1, undefined, 0.5)).toEqual([50_000, 70_000]);
    expect(zoomRange([90_000, 100_000], full, 1, undefined, 1)).toEqual([90_000, 100_000]);
    expect(zoomRange([40_000, 60_000], full, 100)).toEqual([0, 100_000]);
    expect(zoomRange([50_000, 50_500], full, 0.1)[1] - zoomRange([50_000, 50_500], full, 0.1)[0]).toBe(1000);
    // The cursor left at a marker before panning away: the zoom keeps to the range in view.
    expect(zoomRange([60_000, 80_000], full, 0.5, 10_000)).toEqual([60_000, 70_000]);
    expect(zoomRange([20_000, 40_000], full, 0.5, 90_000)).toEqual([30_000, 40_000]);
  });
});
