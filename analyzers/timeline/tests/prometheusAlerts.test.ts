import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCIDENTS, load, loadText } from './helpers';

const alerts = join(INCIDENTS, 'memory-leak-cluster', 'alerts.prometheus.json');
const at = (h: number, m: number) => Date.UTC(2026, 2, 15, h, m);

describe('Prometheus ALERTS / ALERTS_FOR_STATE in a query_range answer', () => {
  it('are alert events at each firing start, with when they went pending and when they stopped — not 0/1 series', async () => {
    const loaded = await load(alerts);
    expect(loaded.formatId).toBe('prometheus-query-range');
    expect(loaded.complete).toBe(true);
    expect(loaded.artifact.series).toEqual([]);
    const fired = loaded.artifact.events.filter((e) => e.kind === 'alert');
    expect(fired.map((e) => [e.atMs, e.title, e.service])).toEqual([
      [at(17, 30), 'Alert GameServerMemoryHigh firing (game-1:9100)', 'game-server'],
      [at(18, 2), 'Alert GameServerMemoryHigh firing (game-2:9100)', 'game-server'],
      [at(18, 32), 'Alert GameServerMemoryHigh firing (game-3:9100)', 'game-server'],
    ]);
    expect(fired[0].detail).toBe(
      'Pending from 2026-03-15 17:20:00 UTC, firing from 2026-03-15 17:30:00 UTC to 2026-03-15 18:30:00 UTC (1 h). Labels: instance=game-1:9100, job=game-server, severity=warning.',
    );
    // The firing window is the event's own span, for the timeline's bands.
    expect(fired[0].endMs).toBe(at(18, 30));
  });

  it('a pending alert that never fired is a note, not an alert', async () => {
    const { artifact } = await load(alerts);
    const notes = artifact.events.filter((e) => e.kind === 'note');
    expect(notes.map((e) => [e.atMs, e.title])).toEqual([[at(18, 40), 'Alert GameServerP99High pending, never fired (game-2:9100)']]);
  });

  it('without ALERTS_FOR_STATE the pending window before the firing one gives the pending start; an alert firing at the last sample may fire on', async () => {
    const doc = JSON.parse(readFileSync(alerts, 'utf8')) as { data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
    doc.data.result = doc.data.result.filter((r) => r.metric.__name__ === 'ALERTS' && r.metric.instance === 'game-3:9100');
    const { artifact } = await loadText('alerts.json', JSON.stringify(doc));
    expect(artifact.events).toHaveLength(1);
    expect(artifact.events[0].detail).toMatch(/^Pending from 2026-03-15 18:22:00 UTC, firing from 2026-03-15 18:32:00 UTC to 2026-03-15 19:32:00 UTC \(1 h, firing at the last sample of the answer: it may have fired on\)/);
  });

  it('an alert that fired twice is two events', async () => {
    const doc = JSON.parse(readFileSync(alerts, 'utf8')) as { data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
    const firing = doc.data.result.find((r) => r.metric.alertstate === 'firing' && r.metric.instance === 'game-1:9100')!;
    firing.values = firing.values.filter((_, i) => i < 10 || i > 20);
    const { artifact } = await loadText('alerts.json', JSON.stringify(doc));
    const twice = artifact.events.filter((e) => e.title === 'Alert GameServerMemoryHigh firing (game-1:9100)');
    expect(twice.map((e) => e.atMs)).toEqual([at(17, 30), at(17, 51)]);
    expect(twice.map((e) => e.endMs)).toEqual([at(17, 30) + 9 * 60_000, at(18, 30)]);
  });

  it('a cut answer keeps the alerts before the cut and is marked incomplete', async () => {
    const text = readFileSync(alerts, 'utf8');
    const loaded = await loadText('alerts.json', text.slice(0, Math.floor(text.length * 0.5)));
    expect(loaded.complete).toBe(false);
    expect(loaded.artifact.events.length).toBeGreaterThan(0);
  });
});
