import { severityOf } from '../core/severity';
import { frameLabel } from '../alloc/frameText';
import { allocationSitesFromTrace } from '../alloc/v8AllocationSites';
import type { Finding } from '../core/finding';
import { formatBytes } from '../core/byteFormat';
import type { Bytes } from '../core/units';
import type { HeapModel } from './heapModel';

/** One allocation site of a V8 allocation timeline, as the UI and the report show it. */
export interface AllocationSiteRow {
  site: string;
  allocatedCount: number;
  allocatedBytes: Bytes;
  liveCount: number;
  liveBytes: Bytes;
  /** Innermost first. */
  stack: string[];
}

export interface SnapshotAllocationSites {
  file: string;
  /** Most live bytes first, at most `MAX_SITES`. */
  sites: AllocationSiteRow[];
  siteCount: number;
}

const MAX_SITES = 500;

/**
 * Allocation sites of a snapshot recorded with allocation tracking (`.heaptimeline`, or a snapshot
 * with `trace_tree`): where the objects still alive were allocated. Undefined for plain snapshots.
 */
export function allocationSiteView(model: HeapModel): SnapshotAllocationSites | undefined {
  const trace = model.graph.allocationTrace;
  if (!trace) return undefined;
  const sites = allocationSitesFromTrace(trace, model.graph.nodeSelfSize);
  const rows = sites
    .map((s) => ({
      site: frameLabel(s.frame),
      allocatedCount: s.allocatedCount,
      allocatedBytes: s.allocatedBytes,
      liveCount: s.liveCount,
      liveBytes: s.liveBytes,
      stack: s.stack.map(frameLabel),
    }))
    .sort((a, b) => b.liveBytes - a.liveBytes || b.allocatedBytes - a.allocatedBytes);
  return { file: model.graph.file, sites: rows.slice(0, MAX_SITES), siteCount: rows.length };
}

/** The sites holding most of what is still alive: where to look first for what a leak allocates. */
export function allocationSiteFinding(view: SnapshotAllocationSites, index: number): Finding | undefined {
  const top = view.sites.filter((s) => s.liveBytes > 0).slice(0, 3);
  if (top.length === 0) return undefined;
  const live = view.sites.reduce((sum, s) => sum + s.liveBytes, 0);
  const share = (b: number) => (live > 0 ? `${((b / live) * 100).toFixed(1)} %` : '');
  return {
    id: `heap.allocation-sites.${index}`,
    analysis: 'heap.allocation-sites',
    category: 'memory-growth',
    // Where memory was allocated, not how much is lost: a pointer for the reader, no impact of its own.
    severity: severityOf({}),
    impact: {},
    title: `Most live memory in ${view.file} was allocated at ${top[0].site} (${formatBytes(top[0].liveBytes)} in ${top[0].liveCount.toLocaleString('en-US')} objects)`,
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
