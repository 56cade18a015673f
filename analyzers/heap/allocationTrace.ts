import type { StringTable } from './stringTable';

/**
 * The allocation-tracking part of a V8 heap snapshot (`.heaptimeline`, or a `.heapsnapshot` taken
 * while `HeapProfiler.startTrackingHeapObjects({trackAllocations: true})` ran). Present only when
 * the snapshot carries a non-empty `trace_function_infos` or `trace_tree`.
 *
 * Records are kept flat, with the field names from `snapshot.meta`, because V8 versions differ in
 * the fields they write. `v8AllocationSites.ts` turns this into allocation sites.
 */
export interface V8AllocationTrace {
  /** `meta.trace_function_info_fields`, e.g. function_id, name, script_name, script_id, line, column. */
  functionInfoFields: string[];
  /** `functionInfoFields.length` numbers per function; `name`/`script_name` are indexes into `strings`. */
  functionInfos: Float64Array;
  functionCount: number;
  /** `meta.trace_node_fields` without the trailing `children`, e.g. id, function_info_index, count, size. */
  traceNodeFields: string[];
  /** The allocation call tree flattened in pre-order: `traceNodeFields.length` numbers per trace node. */
  traceNodes: Float64Array;
  /** Index (in pre-order) of each trace node's parent; -1 for the root. */
  traceNodeParent: Int32Array;
  traceNodeCount: number;
  /** `meta.sample_fields` (timestamp_us, last_assigned_id) and the flat `samples` section. */
  sampleFields: string[];
  samples: Float64Array;
  /** The snapshot's string table (shared with the heap graph; not copied). */
  strings: StringTable;
  /** Per heap node: the trace node id that allocated it (0 = unknown); shared with the heap graph. */
  nodeTraceNodeId: Uint32Array | null;
}

/** Reads field `name` of record `index` in a flat table; undefined when V8 did not write that field. */
export function traceField(table: Float64Array, fields: readonly string[], index: number, name: string): number | undefined {
  const f = fields.indexOf(name);
  return f < 0 ? undefined : table[index * fields.length + f];
}
