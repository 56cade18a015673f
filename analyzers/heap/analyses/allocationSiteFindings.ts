import { formatShare, groupDigits } from '../../core/numberFormat';
import { formatBytes } from '../../core/byteFormat';
import type { FindingOf } from '../../core/analysisContract';
import { severityOf } from '../../core/severity';
import type { HeapAnalysisId } from '../analysisIds';
import type { SnapshotAllocationSites } from '../allocationSiteView';

/** The sites holding most of what is still alive: where to look first for what a leak allocates. */
export function allocationSiteFinding(view: SnapshotAllocationSites, index: number): FindingOf<HeapAnalysisId> | undefined {
  const top = view.sites.filter((s) => s.liveBytes > 0).slice(0, 3);
  if (top.length === 0) return undefined;
  const live = view.sites.reduce((sum, s) => sum + s.liveBytes, 0);
  const share = (b: number) => (live > 0 ? formatShare(b / live) : '');
  return {
    id: `heap.allocation-sites.${index}`,
    analysis: 'heap.allocation-sites',
    category: 'memory-growth',
    // Where memory was allocated, not how much is lost: a pointer for the reader, no impact of its own.
    severity: severityOf({}),
    impact: {},
    title: `Most live memory in ${view.file} was allocated at ${top[0].site} (${formatBytes(top[0].liveBytes)} in ${groupDigits(top[0].liveCount)} objects)`,
    detail:
      `The allocation timeline records where each object was allocated; of the objects still alive when it ended, ` +
      top.map((s) => `${s.site} holds ${formatBytes(s.liveBytes)} (${share(s.liveBytes)})`).join(', ') +
      '. Objects allocated over and over that stay alive are the leak candidates; their retainers are in the heap analysis.',
    evidence: top.flatMap((s) => [
      { label: `live bytes allocated at ${s.site}`, value: s.liveBytes, unit: 'bytes' as const },
      { label: `live objects allocated at ${s.site}`, value: s.liveCount, unit: 'count' as const },
      { label: `objects allocated at ${s.site} while tracking`, value: s.allocatedCount, unit: 'count' as const },
    ]),
    paths: top.map((s) => ({ label: `allocation stack of ${s.site} (innermost first)`, steps: s.stack })),
    suggestedFix: 'Check why the objects allocated at these sites outlive their use: find their retainers in a heap snapshot of the same process.',
    sources: [view.file],
  };
}
