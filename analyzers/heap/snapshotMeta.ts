import { InputError } from '../core/inputError';

/**
 * `snapshot.meta` as V8 writes it. Field lists and type lists differ between V8 versions
 * (`trace_node_id` since V8 4.x, `detachedness` since V8 9.x, `wasm object` node type since 12.x),
 * so the parser reads them at run time instead of assuming positions.
 */
export interface SnapshotMetaJson {
  node_fields: string[];
  node_types: unknown[];
  edge_fields: string[];
  edge_types: unknown[];
  trace_function_info_fields?: string[];
  trace_node_fields?: string[];
  sample_fields?: string[];
  location_fields?: string[];
}

/** What the parser needs from the header, validated. */
export interface SnapshotLayout {
  nodeFields: string[];
  nodeTypes: string[];
  edgeFields: string[];
  edgeTypes: string[];
  nodeCount: number;
  edgeCount: number;
  traceFunctionCount: number;
  traceFunctionInfoFields: string[];
  traceNodeFields: string[];
  sampleFields: string[];
  locationFields: string[];
  /** Position of each required field within one node / edge record. */
  nodeFieldIndex: { type: number; name: number; id: number; selfSize: number; edgeCount: number; traceNodeId: number; detachedness: number };
  edgeFieldIndex: { type: number; nameOrIndex: number; toNode: number };
}

const SECTION = 'snapshot.meta';

function stringList(value: unknown, what: string, file: string, byteOffset: number): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new InputError(file, `${what} is missing or is not a list of names`, { section: SECTION, byteOffset });
  }
  return value as string[];
}

function countField(header: Record<string, unknown>, key: string, file: string, byteOffset: number, required: boolean): number {
  const v = header[key];
  if (v === undefined && !required) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new InputError(file, `snapshot.${key} is missing or not a non-negative integer`, { section: 'snapshot', byteOffset });
  }
  return v;
}

function requiredIndex(fields: string[], name: string, list: string, file: string, byteOffset: number): number {
  const i = fields.indexOf(name);
  if (i < 0) throw new InputError(file, `${list} has no "${name}" field`, { section: SECTION, byteOffset });
  return i;
}

/** Validates the parsed `snapshot` object; `byteOffset` is where it started in the file. */
export function readSnapshotLayout(snapshot: unknown, file: string, byteOffset: number): SnapshotLayout {
  if (typeof snapshot !== 'object' || snapshot === null) {
    throw new InputError(file, 'the "snapshot" header is not an object', { section: 'snapshot', byteOffset });
  }
  const header = snapshot as Record<string, unknown>;
  const meta = header.meta as Partial<SnapshotMetaJson> | undefined;
  if (typeof meta !== 'object' || meta === null) {
    throw new InputError(file, 'the snapshot header has no "meta" object', { section: SECTION, byteOffset });
  }
  const nodeFields = stringList(meta.node_fields, 'meta.node_fields', file, byteOffset);
  const edgeFields = stringList(meta.edge_fields, 'meta.edge_fields', file, byteOffset);
  const nodeTypes = stringList(Array.isArray(meta.node_types) ? meta.node_types[0] : undefined, 'meta.node_types[0]', file, byteOffset);
  const edgeTypes = stringList(Array.isArray(meta.edge_types) ? meta.edge_types[0] : undefined, 'meta.edge_types[0]', file, byteOffset);
  const optional = (v: unknown, what: string) => (v === undefined ? [] : stringList(v, what, file, byteOffset));
  const traceNodeFields = optional(meta.trace_node_fields, 'meta.trace_node_fields');
  if (traceNodeFields.length > 0 && traceNodeFields[traceNodeFields.length - 1] !== 'children') {
    throw new InputError(file, 'meta.trace_node_fields must end with "children"', { section: SECTION, byteOffset });
  }
  if (nodeTypes.length > 255 || edgeTypes.length > 255) {
    throw new InputError(file, 'meta lists more than 255 node or edge types', { section: SECTION, byteOffset });
  }
  return {
    nodeFields,
    nodeTypes,
    edgeFields,
    edgeTypes,
    nodeCount: countField(header, 'node_count', file, byteOffset, true),
    edgeCount: countField(header, 'edge_count', file, byteOffset, true),
    traceFunctionCount: countField(header, 'trace_function_count', file, byteOffset, false),
    traceFunctionInfoFields: optional(meta.trace_function_info_fields, 'meta.trace_function_info_fields'),
    traceNodeFields,
    sampleFields: optional(meta.sample_fields, 'meta.sample_fields'),
    locationFields: optional(meta.location_fields, 'meta.location_fields'),
    nodeFieldIndex: {
      type: requiredIndex(nodeFields, 'type', 'meta.node_fields', file, byteOffset),
      name: requiredIndex(nodeFields, 'name', 'meta.node_fields', file, byteOffset),
      id: requiredIndex(nodeFields, 'id', 'meta.node_fields', file, byteOffset),
      selfSize: requiredIndex(nodeFields, 'self_size', 'meta.node_fields', file, byteOffset),
      edgeCount: requiredIndex(nodeFields, 'edge_count', 'meta.node_fields', file, byteOffset),
      traceNodeId: nodeFields.indexOf('trace_node_id'),
      detachedness: nodeFields.indexOf('detachedness'),
    },
    edgeFieldIndex: {
      type: requiredIndex(edgeFields, 'type', 'meta.edge_fields', file, byteOffset),
      nameOrIndex: requiredIndex(edgeFields, 'name_or_index', 'meta.edge_fields', file, byteOffset),
      toNode: requiredIndex(edgeFields, 'to_node', 'meta.edge_fields', file, byteOffset),
    },
  };
}
