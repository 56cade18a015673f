import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../analyzers/alloc/tests/fixtures';
import { runCase } from '../../../../analyzers/pipeline/runCase';
import { AllocPanel } from './AllocPanel';
import { SiteTrends } from './SiteTrends';

describe('AllocPanel on six heap profiles of the leaking match history', () => {
  it('shows the trend per site with its fit and the order the captures were put in', async () => {
    const paths = [4, 2, 6, 1, 3, 5].map((k) => fixture(`matches_leaky_${k}.heapprofile.gz`));
    const { views, findings } = await runCase(paths, { onProgress: () => {}, signal: new AbortController().signal, options: {} });
    const html = renderToStaticMarkup(createElement(AllocPanel, { view: views.alloc!, findings }));
    expect(html).toContain('Trends over 6 captures (V8 sampling heap profile)');
    expect(html).toContain('in the order of their own sample ids');
    expect(html).toMatch(/<td title="scoreboard file:\/\/\.\/match_history\.mjs:14[^"]*">scoreboard match_history\.mjs:14<\/td><td>\+1\.\d MiB per capture, monotonic in 6 of 6, R² (0\.9\d|1\.00)<\/td>/);
    // The trend's finding names all six captures: it belongs to the trend, not to the file picked above it.
    expect(html.match(/still growing across 6 captures/g) ?? []).toHaveLength(0);
  });

  it('a frame of the flame graph filters the site trends as it does the sites: only the sites with it on their stack', async () => {
    const paths = [4, 2, 6, 1, 3, 5].map((k) => fixture(`matches_leaky_${k}.heapprofile.gz`));
    const { views } = await runCase(paths, { onProgress: () => {}, signal: new AbortController().signal, options: {} });
    const [trends] = views.alloc!.siteTrends!;
    const sitesIn = (frame?: string) => [...renderToStaticMarkup(createElement(SiteTrends, { trends, frame })).matchAll(/<td title="[^"]*">([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(sitesIn()).toEqual(['scoreboard match_history.mjs:14', 'recordMatch match_history.mjs:20']);
    // scoreboard is called from recordMatch: its frame keeps both, scoreboard's only the scoreboard.
    expect(sitesIn('recordMatch file://./match_history.mjs:20')).toEqual(sitesIn());
    expect(sitesIn('scoreboard file://./match_history.mjs:14')).toEqual(['scoreboard match_history.mjs:14']);
    expect(renderToStaticMarkup(createElement(SiteTrends, { trends, frame: 'no such frame' }))).toContain('No site of these captures has this frame on its stack.');
  });
});
