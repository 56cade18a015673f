import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { analyzeHeapSnapshots } from '../../../../analyzers/heap';
import { loadSample, quietContext, SAMPLE_NAMES, sampleScale } from '../../../../analyzers/heap/tests/fixtures';
import { HeapAnalysisView } from './HeapLeaksView';

describe('HeapAnalysisView on the game-server sample', () => {
  it('shows the method, the ranked clusters with their paths, the cycles and the comparison as text', async () => {
    const inputs = await Promise.all(SAMPLE_NAMES.map(loadSample));
    const { view, findings } = await analyzeHeapSnapshots(inputs, quietContext());
    const html = renderToStaticMarkup(createElement(HeapAnalysisView, { view, findings }));
    const { sessionsPerPhase } = sampleScale();
    expect(html).toContain('Three-snapshot method');
    expect(html).toContain(`${sessionsPerPhase} × Player`);
    expect(html).toContain('<code>.members</code>');
    expect(html).toContain('closure captures its owner');
    expect(html).toContain('.onLevelUp → context.this');
    expect(html).toContain('What keeps it alive');
    expect(html).toContain('aria-label="Comparison by constructor"');
    // The code behind the leak, from the snapshot's own locations section (no source map: the script's position).
    expect(html).toMatch(/<code>`Player` constructor, [^<]*game_server\.mjs:\d+:\d+<\/code>/);
    // The trend over the three snapshots: one phase of sessions more per snapshot.
    expect(html).toContain('Trends over 3 snapshots');
    expect(html).toContain(`<td>Player</td><td>+${sessionsPerPhase} per snapshot, monotonic in 3 of 3, R² 1.00</td>`);
    // The table judges as the findings do: program classes first, the Arrays that grow with them after, marked.
    const table = html.slice(html.indexOf('class="heap-trends"'));
    expect(table.indexOf('<td>Player</td>')).toBeLessThan(table.indexOf('<td>Array</td>'));
    expect(table).toMatch(/<td>Array<\/td>(<td>[^<]*<\/td>){2}<td>built-in container: grows with what holds it<\/td>/);
    // Text from the snapshot is escaped, never markup.
    expect(html).not.toMatch(/<script/i);
    expect(html.indexOf(`${sessionsPerPhase} × Player`)).toBeLessThan(html.indexOf('× (closure)'));
  });

  it('says what is missing when there is a single snapshot', async () => {
    const single = await analyzeHeapSnapshots([await loadSample(SAMPLE_NAMES[0])], quietContext());
    const html = renderToStaticMarkup(createElement(HeapAnalysisView, single));
    // One snapshot shows no growth: neither leaks nor cycles are searched, and the view says what to load.
    expect(html).toContain('load two or three snapshots of one process to compare them and look for leaks');
  });
});
