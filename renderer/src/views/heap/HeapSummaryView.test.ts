import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { analyzeHeapSnapshots } from '../../../../analyzers/heap';
import type { HeapView } from '../../../../analyzers/heap/view';
import { loadSample, quietContext, SAMPLE_NAMES } from '../../../../analyzers/heap/tests/fixtures';
import { HeapSummaryView } from './HeapSummaryView';

describe('HeapSummaryView', () => {
  it('opens on the largest objects of the class that retains the most, each with its retainers', async () => {
    const input = await loadSample(SAMPLE_NAMES[2]);
    const { view } = (await analyzeHeapSnapshots([input], quietContext())) as { view: HeapView };
    const html = renderToStaticMarkup(createElement(HeapSummaryView, { view }));
    const [top] = view.snapshots[0].largestObjects!;
    expect(html).toContain(`Largest ${top.className} objects`);
    for (const o of top.objects) {
      expect(html).toContain(`<strong>${o.label}</strong>`);
      expect(html).toContain(`aria-label="Retainers of ${o.label}"`);
    }
  });

  it('says nothing about objects for a case saved before they were listed', async () => {
    const input = await loadSample(SAMPLE_NAMES[2]);
    const { view } = (await analyzeHeapSnapshots([input], quietContext())) as { view: HeapView };
    const older: HeapView = { ...view, snapshots: view.snapshots.map(({ largestObjects: _, ...s }) => s) };
    const html = renderToStaticMarkup(createElement(HeapSummaryView, { view: older }));
    expect(html).toContain('Summary by constructor');
    expect(html).not.toContain('Largest ');
  });
});
