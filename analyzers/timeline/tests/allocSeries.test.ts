import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../pipeline/runCase';
import { incidentFiles, tempFile } from './helpers';

const EVENT_LOG = join(__dirname, '../../../samples/alloc/fixtures/events_leaky.jsonl');
const run = (files: string[]) => runCase(files, { onProgress: () => {}, signal: new AbortController().signal });

/** A metrics CSV whose minutes cover `startMs` (a synthetic host series recorded alongside the log). */
function metricsAround(startMs: number): string {
  const rows = ['time,cpu_percent'];
  for (let i = -5; i <= 5; i++) rows.push(`${new Date(startMs + i * 60_000).toISOString()},${40 + i}`);
  return tempFile('host.csv', `${rows.join('\n')}\n`);
}

describe('an allocation event log on the timeline', () => {
  it('charts the log’s live bytes beside the metrics recorded at the same time', async () => {
    const alone = await run([EVENT_LOG]);
    const growth = alone.views.alloc!.reports[0].growth!;
    expect(growth.startEpochMs).toBeDefined();
    const result = await run([metricsAround(growth.startEpochMs!), EVENT_LOG]);
    const live = result.views.timeline!.series.find((s) => s.name === 'live heap bytes');
    expect(live?.unit).toBe('bytes');
    expect(live?.source).toBe('events_leaky.jsonl');
    // The last point is what the log still held at its end: the peak of a leak that never frees.
    expect(Math.max(...live!.v)).toBe(growth.totalLiveBytes[growth.totalLiveBytes.length - 1]);
    // Drawn, not judged again: the alloc capability's growth finding is the only one about it.
    expect(result.findings.filter((f) => f.category === 'memory-growth' && f.sources.includes('events_leaky.jsonl')).length).toBe(1);
  });

  it('leaves out a log recorded on another day than the incident, so the incident keeps its axis', async () => {
    const result = await run([...incidentFiles('lock-contention'), EVENT_LOG]);
    expect(result.views.timeline!.series.some((s) => s.source === 'events_leaky.jsonl')).toBe(false);
    expect(result.views.alloc!.reports[0].growth).toBeDefined();
  });
});
