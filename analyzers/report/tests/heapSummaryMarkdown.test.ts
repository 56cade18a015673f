import { describe, expect, it } from 'vitest';
import { bytes } from '../../core/units';
import type { HeapView } from '../../heap/view';
import { heapSummaryMarkdown } from '../heapSummaryMarkdown';

/** Names from a snapshot are the snapshot author's: a class or property may be called anything. */
const HOSTILE = 'Evil\r# Heading\r- item\r\n===\n1. one';

describe('heapSummaryMarkdown with names that try to be Markdown', () => {
  it('keeps every name on its line, so no heading, list item or setext underline appears', () => {
    const view: HeapView = {
      snapshots: [
        {
          file: 'x.heapsnapshot',
          nodeCount: 2,
          edgeCount: 1,
          totalBytes: bytes(30),
          constructors: [{ name: HOSTILE, count: 1, shallowBytes: bytes(10), retainedBytes: bytes(20) }],
          largestObjects: [
            {
              className: HOSTILE,
              objects: [{ id: 7, label: `${HOSTILE} @7`, selfBytes: bytes(10), retainedBytes: bytes(20), distance: 2, systemRootsOnly: false, retainerPath: ['global @1', `.${HOSTILE}`, `${HOSTILE} @7`] }],
            },
          ],
        },
      ],
    };
    // Lines as CommonMark sees them: \n, \r\n and a lone \r each end one.
    const lines = heapSummaryMarkdown(view).split(/\r\n?|\n/);
    expect(lines.filter((l) => l.startsWith('#'))).toEqual(['# Heap summary by constructor', '## x.heapsnapshot', '### Largest objects and their retainers']);
    expect(lines.filter((l) => /^(- item|===|1\. one)/.test(l))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('- **'))).toHaveLength(1);
  });
});

describe('the object count in the exported summary', () => {
  it('counts the objects of every class, not the synthetic nodes (the root, GC roots) as the node count does', () => {
    const view: HeapView = {
      snapshots: [
        {
          file: 'x.heapsnapshot',
          nodeCount: 1_205,
          edgeCount: 3_000,
          totalBytes: bytes(9_000),
          constructors: [
            { name: 'Player', count: 1_000, shallowBytes: bytes(8_000), retainedBytes: bytes(8_500) },
            { name: 'Guild', count: 200, shallowBytes: bytes(1_000), retainedBytes: bytes(1_000) },
          ],
        },
      ],
    };
    expect(heapSummaryMarkdown(view)).toContain('1,200 objects, 3,000 references');
  });

  it('groups the thousands of the table\'s counts and byte sizes as the line above it does', () => {
    const constructors = Array.from({ length: 1_052 }, (_, i) => ({ name: `C${i}`, count: 1_000 + i, shallowBytes: bytes(65_536), retainedBytes: bytes(1_048_576) }));
    const view: HeapView = { snapshots: [{ file: 'x.heapsnapshot', nodeCount: 2_000_000, edgeCount: 3_000, totalBytes: bytes(9_000), constructors }] };
    const md = heapSummaryMarkdown(view);
    expect(md).toContain('| C0 | 1,000 | 65,536 | 1,048,576 |');
    expect(md).toContain('…and 1,002 more constructors.');
  });
});
