import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { recordTsGameServer, TS_GAME } from '../../heap/tests/fixtures';
import { buildReport } from '../buildReport';
import { htmlReport } from '../htmlReport';
import { markdownReport } from '../markdownReport';
import { analyze } from './caseFixtures';

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
});
