import type { HeapView } from '../heap/view';
import { escapeMarkdown, markdownTable } from './markdownText';

const ROWS_PER_SNAPSHOT = 50;

/** The "Summary by constructor" of each snapshot as Markdown: what the desktop Export menu saves. */
export function heapSummaryMarkdown(view: HeapView): string {
  const parts = ['# Heap summary by constructor', ''];
  for (const s of view.snapshots) {
    parts.push(`## ${escapeMarkdown(s.file)}`, '');
    parts.push(`${s.nodeCount.toLocaleString('en-US')} objects, ${s.edgeCount.toLocaleString('en-US')} references, ${s.totalBytes.toLocaleString('en-US')} bytes in all.`, '');
    const rows = s.constructors
      .slice(0, ROWS_PER_SNAPSHOT)
      .map((c) => [c.name, c.count, c.shallowBytes, c.retainedBytes]);
    parts.push(markdownTable(['Constructor', 'Count', 'Shallow size (bytes)', 'Retained size (bytes)'], rows, [false, true, true, true]));
    if (s.constructors.length > ROWS_PER_SNAPSHOT) parts.push('', `…and ${s.constructors.length - ROWS_PER_SNAPSHOT} more constructors.`);
    parts.push('');
  }
  return parts.join('\n');
}
