import { formatBytes } from '../core/byteFormat';
import type { ClassObjects, HeapView } from '../case/saved/heapView';
import { escapeMarkdown, markdownTable } from './markdownText';
import { groupDigits, plural } from '../core/numberFormat';
import { objectCount } from '../heap/view';

const ROWS_PER_SNAPSHOT = 50;
/** Classes whose largest objects are written out with their retainers (the view holds more). */
const CLASSES_WITH_OBJECTS = 5;

/** Why an earlier snapshot of a set has no retained sizes, where its summary is shown. */
export const RETAINED_ON_DEMAND = 'Retained sizes are computed for the last snapshot of a set (leak detection reads only the ids and classes of the earlier ones, as memlab does); the app\'s heap explorer computes them for this one when it opens it.';

/** The "Summary by constructor" of each snapshot as Markdown: what the desktop Export menu saves. */
export function heapSummaryMarkdown(view: HeapView): string {
  const parts = ['# Heap summary by constructor', ''];
  for (const s of view.snapshots) {
    parts.push(`## ${escapeMarkdown(s.file)}`, '');
    parts.push(`${groupDigits(objectCount(s))} objects, ${groupDigits(s.edgeCount)} references, ${groupDigits(s.totalBytes)} bytes in all.`, '');
    const rows = s.constructors
      .slice(0, ROWS_PER_SNAPSHOT)
      .map((c) => [c.name, groupDigits(c.count), groupDigits(c.shallowBytes), c.retainedBytes === undefined ? '—' : groupDigits(c.retainedBytes)]);
    parts.push(markdownTable(['Constructor', 'Count', 'Shallow size (bytes)', 'Retained size (bytes)'], rows, [false, true, true, true]));
    if (s.constructors[0]?.retainedBytes === undefined) parts.push('', RETAINED_ON_DEMAND);
    if (s.constructors.length > ROWS_PER_SNAPSHOT) parts.push('', `…and ${plural(s.constructors.length - ROWS_PER_SNAPSHOT, 'more constructor')}.`);
    parts.push('');
    parts.push(...largestObjectsMarkdown(s.largestObjects?.slice(0, CLASSES_WITH_OBJECTS) ?? []));
  }
  return parts.join('\n');
}

/** The largest objects of the top classes, each with the path that keeps it alive (steps joined by →). */
function largestObjectsMarkdown(classes: readonly ClassObjects[]): string[] {
  if (classes.length === 0) return [];
  const lines = ['### Largest objects and their retainers', ''];
  for (const c of classes) {
    for (const o of c.objects) {
      lines.push(`- **${escapeMarkdown(o.label)}** retains ${formatBytes(o.retainedBytes)} (self ${formatBytes(o.selfBytes)}): ${o.retainerPath.map(escapeMarkdown).join(' → ')}`);
    }
  }
  lines.push('');
  return lines;
}
