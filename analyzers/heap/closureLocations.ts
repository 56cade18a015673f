import { InputError } from '../core/inputError';
import { groupDigits } from '../core/numberFormat';
import type { FileIdentity } from '../ingest/fileSource';
import type { NumberArray } from './growableNumbers';

/**
 * The snapshot's `locations` section: where each closure's function starts in its script, one
 * column per field, sorted by node so a closure's position is a binary search away. V8 writes it
 * for every JS closure (with or without allocation tracking) as `object_index, script_id, line,
 * column` records, `object_index` being the node's offset in `nodes`; line and column are 0-based.
 */
export interface ClosureLocations {
  count: number;
  /** Node index (already divided by the node field count), ascending. */
  node: Uint32Array;
  scriptId: Uint32Array;
  line: Uint32Array;
  column: Uint32Array;
}

/** Where a snapshot's `locations` section lies in its content, when a parse left it there (`SnapshotStreamParser`'s `leaveLocations`). */
export interface LocationsSpan {
  /** Content offsets of the section's first byte after `[` and of its `]` (of the file's end when not `whole`). */
  start: number;
  end: number;
  /** False when the file stops inside the section: its complete records are the section. */
  whole: boolean;
  fields: readonly string[];
  nodeFieldCount: number;
  /** How many numbers the section can hold at most (one record per closure and constructed object). */
  sizeHint?: number;
}

/** A section left in its file, with what tells whether the file is still the one read (`readLocationsLeft`). */
export interface LocationsInFile extends LocationsSpan, FileIdentity {
  path: string;
  /** Bytes before the content in the file (a UTF-8 byte-order mark). */
  markBytes: number;
}

/** The complete records of a section a file stops inside. */
export const completeRecords = <A extends NumberArray>(flat: A, fieldCount: number): A => (fieldCount > 0 ? (flat.subarray(0, flat.length - (flat.length % fieldCount)) as A) : flat);

export interface GeneratedPosition {
  scriptId: number;
  /** 0-based, as V8 counts. */
  line: number;
  column: number;
}

const FIELDS = ['object_index', 'script_id', 'line', 'column'] as const;

/** Columns from the flat section; an `InputError` for records that do not fit the snapshot. */
export function closureLocations(file: string, fields: readonly string[], flat: NumberArray, nodeFieldCount: number, nodeCount: number): ClosureLocations | null {
  if (flat.length === 0) return null;
  const at = FIELDS.map((f) => fields.indexOf(f));
  const fail = (reason: string) => {
    throw new InputError(file, reason, { section: 'locations' });
  };
  if (at.some((i) => i < 0)) fail(`the "locations" section needs meta.location_fields with ${FIELDS.join(', ')} (got ${fields.join(', ') || 'none'})`);
  const stride = fields.length;
  if (flat.length % stride !== 0) fail(`the "locations" section holds ${groupDigits(flat.length)} numbers, not a multiple of ${stride} fields`);
  const count = flat.length / stride;
  const [atNode, atScript, atLine, atColumn] = at;
  // A multiplication by the reciprocal, not a floating-point modulo and division per record.
  const inverse = 1 / nodeFieldCount;
  const nodeOf = new Uint32Array(count);
  let sorted = true;
  for (let r = 0; r < count; r++) {
    const offset = flat[r * stride + atNode];
    const v = Math.round(offset * inverse);
    if (offset < 0 || v * nodeFieldCount !== offset || v >= nodeCount) {
      fail(`location ${r} names node offset ${offset}, which is not the start of one of the ${groupDigits(nodeCount)} nodes`);
    }
    nodeOf[r] = v;
    if (r > 0 && v < nodeOf[r - 1]) sorted = false;
  }
  // V8 writes them in the order it met the closures, not by node (Node 20: unsorted): each record
  // goes to its place by a counting sort by node, stable as the comparison sort it replaces (a
  // million records: a comparator call per comparison cost a quarter of a second), read in file
  // order (its writes land far apart, which costs less than reads would).
  const slot = sorted ? null : nodeStarts(nodeOf, nodeCount);
  const node = sorted ? nodeOf : new Uint32Array(count);
  const scriptId = new Uint32Array(count);
  const line = new Uint32Array(count);
  const column = new Uint32Array(count);
  for (let r = 0; r < count; r++) {
    const base = r * stride;
    const s = flat[base + atScript];
    const l = flat[base + atLine];
    const c = flat[base + atColumn];
    if (s < 0 || l < 0 || c < 0) fail(firstNegative(flat, stride, [atScript, atLine, atColumn], nodeOf));
    const v = nodeOf[r];
    const k = slot ? slot[v]++ : r;
    node[k] = v;
    scriptId[k] = s;
    line[k] = l;
    column[k] = c;
  }
  return { count, node, scriptId, line, column };
}

/** Where each node's records start in node order (counting sort's prefix sums). */
function nodeStarts(nodeOf: Uint32Array, nodeCount: number): Uint32Array {
  const start = new Uint32Array(nodeCount + 1);
  for (let r = 0; r < nodeOf.length; r++) start[nodeOf[r] + 1]++;
  for (let v = 0; v < nodeCount; v++) start[v + 1] += start[v];
  return start;
}

/** The first negative field in node order (the order the columns are in), as the error names it. */
function firstNegative(flat: NumberArray, stride: number, fieldsAt: readonly number[], nodeOf: Uint32Array): string {
  const order = Array.from(nodeOf.keys()).sort((a, b) => nodeOf[a] - nodeOf[b]);
  for (const r of order) {
    for (let f = 0; f < fieldsAt.length; f++) {
      const v = flat[r * stride + fieldsAt[f]];
      if (v < 0) return `location ${r} has a negative ${FIELDS[f + 1]} (${v})`;
    }
  }
  throw new Error('no negative field');
}

/** The position of the function of closure node `node`, if the snapshot carries one. */
export function closurePosition(locations: ClosureLocations | null, node: number): GeneratedPosition | undefined {
  if (!locations) return undefined;
  let lo = 0;
  let hi = locations.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = locations.node[mid];
    if (v === node) return { scriptId: locations.scriptId[mid], line: locations.line[mid], column: locations.column[mid] };
    if (v < node) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
