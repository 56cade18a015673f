import { UNREACHABLE } from '../distances';
import type { HeapModel } from '../heapModel';

/**
 * Every class's objects, as one array of node indexes grouped by class (a counting sort over the
 * model's `classOf`): 4 bytes a node, built once per snapshot on the explorer's first question. A
 * class's slice is sorted by retained size, largest first, the first time its objects are listed.
 * Synthetic nodes (the root, `(GC roots)`…) are not objects and are left out, as in the Summary.
 */
export class ClassIndex {
  private readonly sorted = new Set<number>();

  private constructor(
    private readonly model: HeapModel,
    /** Objects of class c are `nodes[first[c] .. first[c + 1] - 1]`. */
    private readonly first: Uint32Array,
    private readonly nodes: Uint32Array,
    /** Each class's smallest distance (UNREACHABLE when none of its objects is reachable). */
    readonly minDistance: Uint32Array,
  ) {}

  static build(m: HeapModel): ClassIndex {
    const { classOf, names } = m.classes;
    const { nodeType, nodeCount } = m.graph;
    const synthetic = m.ids.nodeSynthetic;
    const { distance } = m.distances;
    const first = new Uint32Array(names.length + 1);
    const minDistance = new Uint32Array(names.length).fill(UNREACHABLE);
    for (let v = 0; v < nodeCount; v++) {
      if (nodeType[v] === synthetic) continue;
      const c = classOf[v];
      first[c + 1]++;
      if (distance[v] < minDistance[c]) minDistance[c] = distance[v];
    }
    for (let c = 0; c < names.length; c++) first[c + 1] += first[c];
    const nodes = new Uint32Array(first[names.length]);
    const cursor = first.slice(0, names.length);
    for (let v = 0; v < nodeCount; v++) if (nodeType[v] !== synthetic) nodes[cursor[classOf[v]]++] = v;
    return new ClassIndex(m, first, nodes, minDistance);
  }

  /** The objects of class `c`, largest retained size first (a view into the index, not a copy). */
  objectsOf(c: number): Uint32Array {
    const slice = this.nodes.subarray(this.first[c], this.first[c + 1]);
    if (!this.sorted.has(c)) {
      const retained = this.model.dominators.retainedSize;
      const { nodeId } = this.model.graph;
      slice.sort((a, b) => retained[b] - retained[a] || nodeId[a] - nodeId[b]);
      this.sorted.add(c);
    }
    return slice;
  }
}
