import { frameLabel } from '../core/frame';
import type { Bytes } from '../core/units';
import type { ParsedSnapshot } from './heapModel';
import { allocationSitesFromTrace } from './v8AllocationSites';

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
export function allocationSiteView(model: ParsedSnapshot): SnapshotAllocationSites | undefined {
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
