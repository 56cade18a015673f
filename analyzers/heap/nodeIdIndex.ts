import { asNode, type NodeIndex } from './heapGraph';

/**
 * V8 node id → node index. Ids are not in node order, and a Map of millions of entries costs far
 * more than two Uint32Arrays, so the ids are radix-sorted (two 16-bit passes) and binary-searched.
 */
export class NodeIdIndex {
  private constructor(
    private readonly sortedIds: Uint32Array,
    private readonly order: Uint32Array,
  ) {}

  static build(nodeId: Uint32Array): NodeIdIndex {
    const n = nodeId.length;
    let order = new Uint32Array(n);
    let scratch = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const counts = new Uint32Array(65537);
    for (let shift = 0; shift < 32; shift += 16) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[((nodeId[order[i]] >>> shift) & 0xffff) + 1]++;
      for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
      for (let i = 0; i < n; i++) {
        const node = order[i];
        scratch[counts[(nodeId[node] >>> shift) & 0xffff]++] = node;
      }
      [order, scratch] = [scratch, order];
    }
    const sortedIds = scratch;
    for (let i = 0; i < n; i++) sortedIds[i] = nodeId[order[i]];
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
