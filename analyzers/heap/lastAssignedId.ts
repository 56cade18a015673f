import type { NodeIdColumns } from './heapGraph';

/**
 * The highest id V8's counter gave a heap object. Native and synthetic nodes are left out: their ids
 * come from the embedder (Node 20 derives them from addresses: ~5.8 × 10⁸ in one snapshot, lower in
 * the next), so the plain maximum can order a later snapshot first.
 */
export function lastAssignedId(g: NodeIdColumns): number {
  const native = g.nodeTypes.indexOf('native');
  const synthetic = g.nodeTypes.indexOf('synthetic');
  let max = 0;
  for (let v = 0; v < g.nodeCount; v++) {
    const t = g.nodeType[v];
    if (t !== native && t !== synthetic && g.nodeId[v] > max) max = g.nodeId[v];
  }
  return max;
}
