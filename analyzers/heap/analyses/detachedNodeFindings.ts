import { formatBytes } from '../../core/byteFormat';
import type { FindingOf } from '../../core/analysisContract';
import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import type { HeapAnalysisId } from '../analysisIds';
import type { DetachedNodeGroup, DetachedNodesReport } from '../detachedNodes';
import { groupDigits, plural } from '../../core/numberFormat';

/** Groups this small are kept in the view but are not findings on their own (frameworks keep a few nodes around). */
const MIN_COUNT = 10;
const MIN_BYTES = 64 * 1024;

export function detachedNodeFindings(report: DetachedNodesReport, totalBytes: number): FindingOf<HeapAnalysisId>[] {
  return report.groups
    .filter((c) => c.count >= MIN_COUNT || c.retainedBytes >= MIN_BYTES)
    .map((c, i) => {
      const share = totalBytes > 0 ? c.retainedBytes / totalBytes : 0;
      const impact: FindingImpact = { retained: { bytes: c.retainedBytes, share, state: 'detached' } };
      const others = c.holders.filter((h) => h !== c.holder);
      return {
        id: `heap.detached-dom.${i}`,
        analysis: 'heap.detached-dom',
        category: 'memory-leak' as const,
        severity: severityOf(impact),
        impact,
        title: `${plural(c.count, `detached ${c.elementClass} node`)} (${formatBytes(c.retainedBytes)} retained) kept by ${c.holder}`,
        detail: `${groupDigits(c.count)} ${c.elementClass} elements (${c.nodeName}) are no longer in the document but JavaScript still references them, so each keeps its whole detached subtree alive (${plural(c.subtreeNodeCount, 'detached node')}, ${formatBytes(c.retainedBytes)}). ${others.length > 0 ? `The example is also held by ${others.join('; ')}: every one of these references must go before it can be collected.` : 'The retainer path shows the reference.'}`,
        evidence: [
          { label: `detached ${c.elementClass}`, value: c.count, unit: 'count' as const },
          { label: 'retained', value: c.retainedBytes, unit: 'bytes' as const },
          { label: 'detached nodes in their subtrees', value: c.subtreeNodeCount, unit: 'count' as const },
          { label: 'JavaScript holders of the example', value: c.holders.join('; ') },
          { label: 'example node ids', value: c.exampleIds.map((id) => `@${id}`).join(', ') },
        ],
        paths: [{ label: `retainer path of ${c.nodeName} @${c.exampleIds[0]}`, steps: c.retainerPath }],
        suggestedFix: suggestFix(c),
        sources: [report.file],
      };
    });
}

function suggestFix(c: DetachedNodeGroup): string {
  const fixes = [`When these ${c.elementClass} elements are removed from the document, drop every JavaScript reference to them (${c.holders.join('; ') || c.holder}).`];
  if (c.holders.some((h) => h.includes('(closure)'))) fixes.push('Remove the event listeners whose closures capture the element (removeEventListener with the same function, or an AbortController signal passed to addEventListener).');
  if (c.holders.some((h) => /\((Map|Set|Array|Object)\)|\.\w+ \(/.test(h))) fixes.push('A cache keyed by or holding elements should be a WeakMap/WeakSet, or hold WeakRefs, or delete the entry in the code that removes the element.');
  return fixes.join(' ');
}
