import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes } from '../../core/units';
import { buildReport } from '../buildReport';
import { analyze, incidentFiles, recorded, SAMPLES } from './caseFixtures';

/**
 * The memory-leak incident (samples/incidents/memory-leak: memory growing 215 MiB/h, three OOM kills)
 * with ONE heap snapshot of the game server, the dump an engineer has when the process was killed:
 * what it shows is size and who holds it (a leak suspect, analyzers/heap/leakSuspects.ts), never growth.
 */
const MELTDOWN = { anchorDate: '2026-03-14', memoryLimitBytes: bytes(8 * 2 ** 30) };
/** The same recording as analyzers/heap/tests/suspects.test.ts: 7,000 Players, about half the heap. */
const gameServer = recorded('heap/game_server.mjs', ['3000', '{out}', '--tick-every=10']);

describe('a memory incident with one heap snapshot', () => {
  it('names the suspect as the mechanism in words of size, with the growth and the kills as its evidence', async () => {
    const files = await gameServer;
    const report = buildReport(await analyze([...incidentFiles('memory-leak'), files[files.length - 1]], MELTDOWN));
    const [cause] = report.rootCauses;
    expect(report.rootCauses).toHaveLength(1);
    expect(cause.label).toBe('Leak suspect');
    expect(cause.finding.title).toMatch(/^7,000 Player objects occupy .* accumulated in Guild\.members/);
    expect(cause.analyses).toEqual(expect.arrayContaining(['heap.suspects', 'timeline.memory-growth', 'timeline.oom-kills']));
    expect(report.summary).toMatch(/^Root cause: leak suspect — 7,000 Player objects occupy/);
    // One capture is a size: it is not set against the metrics' rate, and no growth is claimed for it.
    expect(cause.statement).toMatch(/That is its size at one moment, not a rate: it cannot be set against the 215\.\d MiB\/h growth of container_memory_working_set_bytes/);
    expect(cause.statement).toMatch(/the process reached its memory limit and was killed\. One capture cannot show that they grow, so they are a suspect, not a proven leak/);
    expect(cause.statement).not.toMatch(/live heap grows|grows as the program runs/);
  });

  it('with the committed final sample, whose Players are a tenth of its heap, no suspect: the memory growth leads', async () => {
    const report = buildReport(await analyze([...incidentFiles('memory-leak'), join(SAMPLES, 'heap', 'game-3-final.heapsnapshot.gz')], MELTDOWN));
    expect(report.rootCauses.map((c) => c.label)).toEqual(['Memory growth']);
    expect(report.rootCauses[0].analyses).not.toContain('heap.suspects');
  });
});
