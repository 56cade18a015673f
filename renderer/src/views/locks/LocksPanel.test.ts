import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { locksCapability } from '../../../../analyzers/locks';
import { loadScript, quietContext } from '../../../../analyzers/locks/tests/fixtures';
import { formatShare } from '../../../../analyzers/core/numberFormat';
import { LocksPanel } from './LocksPanel';
import { LocksTable } from './LocksTable';

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
    // perf script counts no acquisitions and callers have no lock type: no empty Rate or Type column.
    const callers = /aria-label="Callers".*?<\/section>/s.exec(html)?.[0] ?? '';
    expect(callers).toContain('>Total wait');
    expect(callers).not.toContain('>Rate');
    expect(callers).not.toContain('>Type');
    expect(html).toContain('Before and after');
    expect(html).toContain('perf_script_coarse.txt.gz → perf_script_sharded.txt.gz');
    expect(html).toContain('One lock serializes 3 independent operations');
    expect(html).not.toMatch(/<script/i);
  });

  // The rows are virtualized (drawn in a browser only); the address labels are checked in e2e/keyboard.test.ts.
  it('keeps the type and callers columns perf script fills for locks, without an empty Rate', async () => {
    const input = await loadScript('perf_script_coarse.txt.gz');
    const { view } = await locksCapability.analyze([input], { ...quietContext(), options: {}, earlierFindings: [], earlierSeries: [] });
    const locks = view.inputs[0].locks;
    const html = renderToStaticMarkup(createElement(LocksTable, { rows: locks, total: view.inputs[0].totalNs, label: 'Locks', what: 'Lock', timeWord: 'wait' }));
    expect(html).toContain('>Type');
    expect(html).toContain('>Callers');
    expect(html).not.toContain('>Rate');
  });
});
