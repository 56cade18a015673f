import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { locksCapability } from '../../../../analyzers/locks';
import { loadScript, quietContext } from '../../../../analyzers/locks/tests/fixtures';
import { formatShare } from '../../../../analyzers/locks/viewText';
import { LocksPanel } from './LocksPanel';

describe('LocksPanel on the inventory server before/after captures', () => {
  it('shows the summary, the hot-path tree with % of wait, the callers table and the before/after deltas as text', async () => {
    const inputs = [await loadScript('perf_script_coarse.txt.gz'), await loadScript('perf_script_sharded.txt.gz')];
    const { view, findings } = await locksCapability.analyze(inputs, { ...quietContext(), options: {}, earlierFindings: [], earlierSeries: [] });
    const html = renderToStaticMarkup(createElement(LocksPanel, { view, findings }));
    expect(html).toContain('perf script (lock + futex events)');
    expect(html).toContain('aria-label="Hot paths"');
    const top = view.inputs[0].hotPaths[0];
    expect(html).toContain(`<code>${top.label}</code>`);
    expect(html).toContain(formatShare(top.share));
    expect(html).toContain('aria-label="Callers"');
    expect(html).toContain('Before and after');
    expect(html).toContain('perf_script_coarse.txt.gz → perf_script_sharded.txt.gz');
    expect(html).toContain('One lock serializes 3 independent operations');
    expect(html).not.toMatch(/<script/i);
  });
});
