import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../../../analyzers/pipeline/runCase';
import { LocksPanel } from './LocksPanel';

/** The coarse-lock inventory server's own counters at 2, 4, 8 and 16 threads (samples/locks/generate-trends.sh). */
const capture = (threads: number) => join(__dirname, `../../../../samples/locks/fixtures/trends/lock_stats_coarse_t${threads}.json`);

describe('LocksPanel on four captures of the coarse-lock server at rising load', () => {
  it('shows the trend per lock with its fit and the order of the captures', async () => {
    const { views, findings } = await runCase([8, 2, 16, 4].map(capture), { onProgress: () => {}, signal: new AbortController().signal, options: {} });
    const html = renderToStaticMarkup(createElement(LocksPanel, { view: views.locks!, findings }));
    expect(html).toContain('Trends over 4 captures (lock-stats JSON)');
    expect(html).toContain('in the order of their own start times');
    expect(html).toMatch(/<td>g_inventoriesMutex<\/td><td>\+[\d.]+ s\/s per capture, monotonic in 4 of 4, R² 0\.\d\d<\/td><td>\d+ → \d+ → \d+ → \d+<\/td>/);
  });
});
