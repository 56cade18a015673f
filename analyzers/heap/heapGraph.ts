import type { Brand } from '../core/units';
import type { V8AllocationTrace } from './allocationTrace';
import type { ClosureLocations, LocationsInFile } from './closureLocations';
import type { StringTable } from './stringTable';

/** Position of a node in the snapshot's node list (not its V8 id, not a field offset). */
export type NodeIndex = Brand<number, 'NodeIndex'>;
/** Position of an edge in the snapshot's edge list (not a field offset). */
export type EdgeIndex = Brand<number, 'EdgeIndex'>;

export const asNode = (i: number): NodeIndex => i as NodeIndex;
export const asEdge = (i: number): EdgeIndex => i as EdgeIndex;

/**
 * A parsed heap snapshot as flat columns, one typed array per field, so a multi-GB snapshot costs a
 * few dozen bytes per node and no JS object per node. DevTools keeps V8's interleaved rows instead
 * (`nodes[i * nodeFieldCount + field]` in one Uint32Array); columns let each field take its own
 * width (a byte for a type, a double for a self size) and let the graph's shape alone go to the
 * helper thread (`graphIndexes.ts`).
 * Edges of node `n` are `firstEdge[n] .. firstEdge[n + 1] - 1`.
 */
export interface HeapSnapshotData {
  file: string;
  nodeTypes: readonly string[];
  edgeTypes: readonly string[];
  nodeCount: number;
  edgeCount: number;
  /** Index into `nodeTypes`. */
  nodeType: Uint8Array;
  /** Index into `strings`. */
  nodeName: Uint32Array;
  /** V8's stable object id: the same object has the same id in later snapshots of one process. */
  nodeId: Uint32Array;
  /** Bytes; a Float64Array because a single backing store can exceed 4 GiB. */
  nodeSelfSize: Float64Array;
  nodeTraceNodeId: Uint32Array | null;
  nodeDetachedness: Uint8Array | null;
  firstEdge: Uint32Array;
  /** Index into `edgeTypes`. */
  edgeType: Uint8Array;
  /** A string index, or the element index for `element` and `hidden` edges. */
  edgeNameOrIndex: Uint32Array;
  /** Target node index (already divided by the node field count). */
  edgeToNode: Uint32Array;
  strings: StringTable;
  /** Where each closure's function starts (the `locations` section), when the snapshot has it. */
  closureLocations: ClosureLocations | null;
  /**
   * The `locations` section as a parse-only load left it in its file: read into `closureLocations`
   * when the snapshot is indexed (`readLocationsLeft`); only an indexed snapshot's code is located.
   */
  locationsInFile?: LocationsInFile;
  /** Allocation tracking data, when the snapshot has it (heap timelines). */
  allocationTrace: V8AllocationTrace | null;
  /** V8 writes the synthetic root first. */
  rootIndex: NodeIndex;
  /** Set when the file stops early: the graph is whole, names past `namesRead` are lost. */
  truncation?: SnapshotTruncation;
}

/** Where a snapshot file stops early, and what that cost (the nodes and edges are whole). */
export interface SnapshotTruncation {
  /** The section the file stops in (`inside`) or after. */
  section: string;
  inside: boolean;
  /** In the decompressed content. */
  byteOffset: number;
  namesRead: number;
  /** Strings the nodes and edges refer to that the file no longer holds. */
  namesLost: number;
}

/** The objects' types and ids: what a set's order reads of a snapshot (`lastAssignedId`), first in its file. */
export type NodeIdColumns = Pick<HeapSnapshotData, 'nodeTypes' | 'nodeType' | 'nodeId' | 'nodeCount'>;

/**
 * The graph's shape: what the DFS, the retainers and the distances read. The parser has it complete
 * once `nodes` and `edges` are read, before the sections that follow them (locations, strings).
 */
export type GraphTopology = Pick<HeapSnapshotData, 'nodeCount' | 'edgeCount' | 'nodeTypes' | 'edgeTypes' | 'nodeType' | 'firstEdge' | 'edgeType' | 'edgeToNode' | 'rootIndex'>;

/** Indexes into `edgeTypes` / `nodeTypes` of the kinds the analyses treat specially (-1 if absent). */
export interface TypeIds {
  edgeWeak: number;
  edgeShortcut: number;
  edgeElement: number;
  edgeHidden: number;
  edgeContext: number;
  edgeProperty: number;
  edgeInternal: number;
  nodeHidden: number;
  nodeObject: number;
  nodeNative: number;
  nodeClosure: number;
  nodeCode: number;
  nodeSynthetic: number;
  nodeArray: number;
  nodeString: number;
}

export function typeIds(g: Pick<HeapSnapshotData, 'nodeTypes' | 'edgeTypes'>): TypeIds {
  const e = (n: string) => g.edgeTypes.indexOf(n);
  const n = (t: string) => g.nodeTypes.indexOf(t);
  return {
    edgeWeak: e('weak'),
    edgeShortcut: e('shortcut'),
    edgeElement: e('element'),
    edgeHidden: e('hidden'),
    edgeContext: e('context'),
    edgeProperty: e('property'),
    edgeInternal: e('internal'),
    nodeHidden: n('hidden'),
    nodeObject: n('object'),
    nodeNative: n('native'),
    nodeClosure: n('closure'),
    nodeCode: n('code'),
    nodeSynthetic: n('synthetic'),
    nodeArray: n('array'),
    nodeString: n('string'),
  };
}

/** True when the edge's `name_or_index` is a number rather than a string index (V8: element, hidden). */
export function edgeHasIndexName(ids: TypeIds, edgeType: number): boolean {
  return edgeType === ids.edgeElement || edgeType === ids.edgeHidden;
}

/**
 * Whether an edge keeps its target alive, as DevTools decides it: weak edges never do, and
 * shortcut edges only from the root (there they mark the user's global objects).
 */
export function isRetainingEdge(ids: TypeIds, edgeType: number, fromNode: number, rootIndex: number): boolean {
  return edgeType !== ids.edgeWeak && (edgeType !== ids.edgeShortcut || fromNode === rootIndex);
}
