import { asNode, type NodeIndex } from './heapGraph';

/**
 * V8 node id → node index. A Map of millions of entries costs far more than two Uint32Arrays, so
 * the ids are sorted (with the node of each) and binary-searched.
 */
export class NodeIdIndex {
  private constructor(
    private readonly sortedIds: Uint32Array,
    private readonly order: Uint32Array,
  ) {}

  /** The index again after a copy between threads (which keeps its arrays, not its class). */
  static revive(copy: NodeIdIndex): NodeIdIndex {
    const { sortedIds, order } = copy as unknown as { sortedIds: Uint32Array; order: Uint32Array };
    return new NodeIdIndex(sortedIds, order);
  }

  /**
   * V8 hands out ids as the profiler first meets objects, so in a process's first snapshot they
   * rise in node order up to the few nodes written last; later snapshots mix old and new ids. The
   * rising prefix is taken as it is and only the rest is radix-sorted, then the two are merged.
   * No memory beyond the two result arrays: the rest is sorted in their tails (the result ends in
   * `order`'s), and the merge, going forward, writes below the part of it not read yet.
   */
  static build(nodeId: Uint32Array): NodeIdIndex {
    const n = nodeId.length;
    let prefix = Math.min(n, 1);
    while (prefix < n && nodeId[prefix] >= nodeId[prefix - 1]) prefix++;
    const order = new Uint32Array(n);
    const sortedIds = new Uint32Array(n);
    radixSortNodes(nodeId, prefix, order.subarray(prefix), sortedIds.subarray(prefix));
    let i = 0;
    let j = prefix;
    let k = 0;
    while (i < prefix && j < n) {
      const a = nodeId[i];
      const t = order[j];
      const b = nodeId[t];
      if (a <= b) {
        order[k] = i++;
        sortedIds[k++] = a;
      } else {
        order[k] = t;
        sortedIds[k++] = b;
        j++;
      }
    }
    for (; i < prefix; i++, k++) {
      order[k] = i;
      sortedIds[k] = nodeId[i];
    }
    for (; j < n; j++, k++) {
      order[k] = order[j];
      sortedIds[k] = nodeId[order[j]];
    }
    return new NodeIdIndex(sortedIds, order);
  }

  /** The node with this V8 id, or undefined. */
  lookup(id: number): NodeIndex | undefined {
    const ids = this.sortedIds;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid];
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return asNode(this.order[mid]);
    }
    return undefined;
  }

  has(id: number): boolean {
    return this.lookup(id) !== undefined;
  }

  /**
   * Per node of this index's snapshot, 1 when `other` has an object of the same id: one merge of the
   * two sorted id lists, where a lookup per node would binary-search the other list millions of times.
   */
  presentIn(other: NodeIdIndex): Uint8Array {
    const present = new Uint8Array(this.sortedIds.length);
    const mine = this.sortedIds;
    const theirs = other.sortedIds;
    let j = 0;
    for (let i = 0; i < mine.length; i++) {
      const id = mine[i];
      while (j < theirs.length && theirs[j] < id) j++;
      if (j === theirs.length) break;
      if (theirs[j] === id) present[this.order[i]] = 1;
    }
    return present;
  }
}

/**
 * The nodes `from .. from + out.length - 1` ordered by id into `out`: two 16-bit counting-sort
 * passes, through `scratch` (as long as `out`) and back.
 */
function radixSortNodes(nodeId: Uint32Array, from: number, out: Uint32Array, scratch: Uint32Array): void {
  const m = out.length;
  for (let i = 0; i < m; i++) out[i] = from + i;
  const counts = new Uint32Array(65537);
  let src = out;
  let dst = scratch;
  for (let shift = 0; shift < 32; shift += 16) {
    counts.fill(0);
    for (let i = 0; i < m; i++) counts[((nodeId[src[i]] >>> shift) & 0xffff) + 1]++;
    for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
    for (let i = 0; i < m; i++) {
      const node = src[i];
      dst[counts[(nodeId[node] >>> shift) & 0xffff]++] = node;
    }
    [src, dst] = [dst, src];
  }
}
