import { InputError } from '../core/inputError';

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

export interface GeneratedPosition {
  scriptId: number;
  /** 0-based, as V8 counts. */
  line: number;
  column: number;
}

const FIELDS = ['object_index', 'script_id', 'line', 'column'] as const;

/** Columns from the flat section; an `InputError` for records that do not fit the snapshot. */
export function closureLocations(file: string, fields: readonly string[], flat: Float64Array, nodeFieldCount: number, nodeCount: number): ClosureLocations | null {
  if (flat.length === 0) return null;
  const at = FIELDS.map((f) => fields.indexOf(f));
  const fail = (reason: string) => {
    throw new InputError(file, reason, { section: 'locations' });
  };
  if (at.some((i) => i < 0)) fail(`the "locations" section needs meta.location_fields with ${FIELDS.join(', ')} (got ${fields.join(', ') || 'none'})`);
  if (flat.length % fields.length !== 0) fail(`the "locations" section holds ${flat.length} numbers, not a multiple of ${fields.length} fields`);
  const count = flat.length / fields.length;
  const order = new Uint32Array(count);
  let sorted = true;
  for (let r = 0; r < count; r++) {
    order[r] = r;
    const offset = flat[r * fields.length + at[0]];
    if (offset < 0 || offset % nodeFieldCount !== 0 || offset / nodeFieldCount >= nodeCount) {
      fail(`location ${r} names node offset ${offset}, which is not the start of one of the ${nodeCount} nodes`);
    }
    if (r > 0 && offset < flat[(r - 1) * fields.length + at[0]]) sorted = false;
  }
  // V8 writes them in the order it met the closures, not by node (Node 20: unsorted).
  if (!sorted) order.sort((a, b) => flat[a * fields.length + at[0]] - flat[b * fields.length + at[0]]);
  const columns = at.map(() => new Uint32Array(count));
  for (let k = 0; k < count; k++) {
    const base = order[k] * fields.length;
    for (let f = 0; f < at.length; f++) {
      const v = flat[base + at[f]];
      if (v < 0) fail(`location ${order[k]} has a negative ${FIELDS[f]} (${v})`);
      columns[f][k] = f === 0 ? v / nodeFieldCount : v;
    }
  }
  const [node, scriptId, line, column] = columns;
  return { count, node, scriptId, line, column };
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
