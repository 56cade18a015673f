import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { analyzeHeapSnapshots } from '../../../../analyzers/heap';
import { loadFile, quietContext, SAMPLES } from '../../../../analyzers/heap/tests/fixtures';
import { DetachedNodes } from './DetachedNodes';

describe('DetachedNodes on the Chromium chat sample', () => {
  it('shows the group, its holders and its retainer path as text', async () => {
    const input = await loadFile(join(SAMPLES, 'detached_dom', 'chat-detached.heapsnapshot.gz'));
    const { view } = await analyzeHeapSnapshots([input], quietContext());
    const detached = view.detachedNodes;
    expect(detached).toBeDefined();
    const html = renderToStaticMarkup(createElement(DetachedNodes, { detached: detached! }));
    expect(html).toContain(`${detached!.groups[0].count} × HTMLLIElement`);
    expect(html).toContain('<code>messageCache (Map)</code>');
    expect(html).toContain('(closure) onArchivedClick');
    expect(html).toContain('<code>context.messageCache</code>');
    // The node name from the snapshot is escaped, never markup.
    expect(html).toContain('&lt;li class=&quot;message&quot;&gt;');
    expect(html).not.toContain('<li class="message">');
  });
});
