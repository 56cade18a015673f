import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { recordTsGameServer, TS_GAME } from '../../heap/tests/fixtures';
import { buildReport } from '../buildReport';
import { htmlReport } from '../htmlReport';
import { markdownReport } from '../markdownReport';
import { analyze } from './caseFixtures';
import { fixture } from '../../alloc/tests/fixtures';

describe('reports show the trends over the captures and the code behind a leak', () => {
  it('six snapshots of the TypeScript game server with its source maps: the chart, the fit in words, the .ts position', async () => {
    const result = await analyze(recordTsGameServer(6, 200), { sourceMaps: [join(TS_GAME, 'js')] });
    const report = buildReport(result);
    const chart = report.trends![0];
    expect(chart.captures).toEqual(Array.from({ length: 6 }, (_, i) => `phase-${i + 1}.heapsnapshot`));
    const player = chart.lines.find((l) => l.name === 'Player')!;
    expect(player).toMatchObject({ shape: 'growing', text: 'Player +200 per snapshot, monotonic in 6 of 6, R² 1.00' });
    expect(chart.lines.find((l) => l.name === 'MatchResult')?.shape).toBe('plateau');

    const html = htmlReport(report);
    expect(html).toContain(`aria-label="${chart.title}"`);
    expect(html).toMatch(/<path class="series" d="M[^"]+" fill="none" stroke="#[0-9a-f]+" stroke-width="1.5" stroke-dasharray="6 3"><title>MatchResult \+/);
    const md = markdownReport(report);
    expect(md).toContain(`## ${chart.title}\n\n`);
    expect(md).toContain('- Player \\+200 per snapshot, monotonic in 6 of 6, R² 1.00');
    // Containers that grow with the leaked class are charted, not raised on their own.
    expect(result.findings.some((f) => f.analysis === 'heap.trends' && f.title.startsWith('Array'))).toBe(false);
    // The leak finding's evidence names the original TypeScript, through the whole pipeline.
    expect(md).toMatch(/\| code \| \\`Player\\` constructor, src\/player\.ts:\d+:\d+ \|/);
  }, 180_000);

  it('six heap profiles of the leaking match history: bytes per allocation site, the growing site drawn solid', async () => {
    const report = buildReport(await analyze([1, 2, 3, 4, 5, 6].map((k) => fixture(`matches_leaky_${k}.heapprofile.gz`))));
    const chart = report.trends!.find((t) => t.unit === 'bytes')!;
    expect(chart.title).toBe('Bytes per allocation site over 6 captures (V8 sampling heap profile)');
    const board = chart.lines.find((l) => l.name === 'scoreboard match_history.mjs:14')!;
    expect(board.shape).toBe('growing');
    expect(board.text).toMatch(/^scoreboard match_history\.mjs:14 \+1\.\d MiB per capture, monotonic in 6 of 6/);
    const html = htmlReport(report);
    expect(html).toContain(`aria-label="${chart.title}"`);
    expect(html).toMatch(/<path class="series" d="M[^"]+" fill="none" stroke="#[0-9a-f]+" stroke-width="1.5"><title>scoreboard match_history\.mjs:14 \+/);
    // Sampling profiles are captures, not heap snapshots; the other growing site is a peer of the
    // cause, listed below, not the proof that it hurt.
    const first = report.summary.split('. ')[0];
    expect(first).toMatch(/^Root cause: memory growth — scoreboard match_history\.mjs:14 .* still growing across 6 captures \(V8 sampling heap profile\)$/);
    expect(report.summary).not.toMatch(/heap snapshots/);
  });
});

describe('a capture taken at one instant (Go pprof mutex and block profiles)', () => {
  it('is recorded at that instant, not over a window of 0 ms', async () => {
    const report = buildReport(await analyze(['inventory_mutex.pb.gz', 'inventory_block.pb.gz'].map((f) => join(__dirname, '../../../samples/locks/fixtures', f))));
    expect(report.impact.window?.durationMs).toBe(0);
    expect(report.summary).toMatch(/Evidence recorded at 2026-12-04 \d\d:\d\d:\d\d\.\d+ UTC; no metric, alert or kill in it times the impact itself\./);
    expect(report.summary).not.toMatch(/\(0 ms\)/);
    expect(markdownReport(report)).toMatch(/^- Evidence recorded \(no metric, alert or kill in it times the impact itself\): 2026-12-04 \S+ UTC$/m);
  });
});
