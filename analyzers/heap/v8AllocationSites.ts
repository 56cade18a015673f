import type { Frame } from '../core/frame';
import { bytes, type Bytes } from '../core/units';
import { traceField, type V8AllocationTrace } from './allocationTrace';

/** Allocations of one JavaScript function (the top frame when V8 allocated), live and in total. */
export interface V8AllocationSite {
  frame: Frame;
  /** Objects allocated here while tracking ran, and their bytes (V8's trace_tree counters). */
  allocatedCount: number;
  allocatedBytes: Bytes;
  /** Objects allocated here that are still in the snapshot, and their self sizes. */
  liveCount: number;
  liveBytes: Bytes;
  /** The call path of the biggest trace node of the site, innermost first. */
  stack: Frame[];
}

/**
 * Sites from a V8 allocation timeline: each trace_tree node is one call path and counts what was
 * allocated with that path on the stack top; its function (trace_function_infos) is the site.
 * Live counts come from the heap nodes' trace_node_id, live bytes from their self sizes when the
 * heap graph's `nodeSelfSize` is given. Largest live bytes first (allocated bytes without sizes).
 */
export function allocationSitesFromTrace(trace: V8AllocationTrace, nodeSelfSize?: Float64Array): V8AllocationSite[] {
  const nodeFields = trace.traceNodeFields;
  const fnFields = trace.functionInfoFields;
  const nodeIndexById = new Map<number, number>();
  for (let i = 0; i < trace.traceNodeCount; i++) nodeIndexById.set(traceField(trace.traceNodes, nodeFields, i, 'id') ?? i, i);

  // Live objects per trace node.
  const liveCount = new Float64Array(trace.traceNodeCount);
  const liveBytes = new Float64Array(trace.traceNodeCount);
  const owners = trace.nodeTraceNodeId;
  if (owners) {
    for (let n = 0; n < owners.length; n++) {
      if (owners[n] === 0) continue;
      const t = nodeIndexById.get(owners[n]);
      if (t === undefined) continue;
      liveCount[t]++;
      if (nodeSelfSize) liveBytes[t] += nodeSelfSize[n];
    }
  }

  // A function's name or script index as V8 wrote it: one that names no string reads as none.
  const stringAt = (i: number | undefined) => (i !== undefined && Number.isInteger(i) && i >= 0 && i < trace.strings.length ? trace.strings.get(i) : undefined);
  const frameOf = (fnIndex: number): Frame => {
    const at = (name: string) => traceField(trace.functionInfos, fnFields, fnIndex, name);
    const name = stringAt(at('name')) || '(anonymous)';
    const script = stringAt(at('script_name'));
    const line = at('line');
    const column = at('column');
    const frame: Frame = { fn: name };
    if (script) frame.file = script;
    // V8 writes 0-based positions (-1 when unknown); frames elsewhere are 1-based.
    if (line !== undefined && line >= 0) frame.line = line + 1;
    if (column !== undefined && column >= 0) frame.col = column + 1;
    return frame;
  };
  const stackOf = (node: number): Frame[] => {
    const frames: Frame[] = [];
    for (let n = node; n >= 0; n = trace.traceNodeParent[n]) {
      const fn = traceField(trace.traceNodes, nodeFields, n, 'function_info_index');
      if (fn !== undefined && trace.traceNodeParent[n] >= 0) frames.push(frameOf(fn));
    }
    return frames;
  };

  const sites = new Map<number, V8AllocationSite & { biggest: number }>();
  for (let i = 0; i < trace.traceNodeCount; i++) {
    if (trace.traceNodeParent[i] < 0) continue; // the (root) node
    const fn = traceField(trace.traceNodes, nodeFields, i, 'function_info_index');
    if (fn === undefined) continue;
    const count = traceField(trace.traceNodes, nodeFields, i, 'count') ?? 0;
    const size = traceField(trace.traceNodes, nodeFields, i, 'size') ?? 0;
    if (count === 0 && liveCount[i] === 0) continue;
    let site = sites.get(fn);
    if (!site) {
      site = { frame: frameOf(fn), allocatedCount: 0, allocatedBytes: bytes(0), liveCount: 0, liveBytes: bytes(0), stack: [], biggest: -1 };
      sites.set(fn, site);
    }
    site.allocatedCount += count;
    site.allocatedBytes = bytes(site.allocatedBytes + size);
    site.liveCount += liveCount[i];
    site.liveBytes = bytes(site.liveBytes + liveBytes[i]);
    const weight = nodeSelfSize ? liveBytes[i] : size;
    if (weight > site.biggest) {
      site.biggest = weight;
      site.stack = stackOf(i);
    }
  }
  return [...sites.values()]
    .map(({ biggest: _biggest, ...site }) => site)
    .sort((a, b) => b.liveBytes - a.liveBytes || b.allocatedBytes - a.allocatedBytes);
}
