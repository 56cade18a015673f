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

  /**
   * V8 hands out ids as the profiler first meets objects, so in a process's first snapshot they
   * rise in node order up to the few nodes written last; later snapshots mix old and new ids. The
   * rising prefix is taken as it is and only the rest is radix-sorted, then the two are merged.
   */
  static build(nodeId: Uint32Array): NodeIdIndex {
    const n = nodeId.length;
    let prefix = Math.min(n, 1);
    while (prefix < n && nodeId[prefix] >= nodeId[prefix - 1]) prefix++;
    const tail = radixSortedNodes(nodeId, prefix, n);
    const order = new Uint32Array(n);
    const sortedIds = new Uint32Array(n);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < prefix && j < tail.length) {
      const a = nodeId[i];
      const t = tail[j];
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
    for (; j < tail.length; j++, k++) {
      order[k] = tail[j];
      sortedIds[k] = nodeId[tail[j]];
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

  get maxId(): number {
    return this.sortedIds.length ? this.sortedIds[this.sortedIds.length - 1] : 0;
  }
}

/** The nodes `from .. to-1` ordered by id: two 16-bit counting-sort passes. */
function radixSortedNodes(nodeId: Uint32Array, from: number, to: number): Uint32Array {
  const m = to - from;
  let order = new Uint32Array(m);
  let scratch = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = from + i;
  const counts = new Uint32Array(65537);
  for (let shift = 0; shift < 32; shift += 16) {
    counts.fill(0);
    for (let i = 0; i < m; i++) counts[((nodeId[order[i]] >>> shift) & 0xffff) + 1]++;
    for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
    for (let i = 0; i < m; i++) {
      const node = order[i];
      scratch[counts[(nodeId[node] >>> shift) & 0xffff]++] = node;
    }
    [order, scratch] = [scratch, order];
  }
  return order;
}
