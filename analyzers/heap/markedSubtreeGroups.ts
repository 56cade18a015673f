import { bytes, type Bytes } from '../core/units';
import type { HeapModel } from './heapModel';
import { asNode, type NodeIndex } from './heapGraph';
import { NOT_MARKED } from './topMostMarked';

/** What every grouping of marked subtrees (leak clusters, detached DOM groups) counts the same way. */
export interface SubtreeGroup {
  count: number;
  retainedBytes: Bytes;
  exampleIds: number[];
}

const EXAMPLES = 5;

/**
 * Groups the roots of marked subtrees (`top[v] === v`, from topMostMarked) under the key `place`
 * gives them (undefined: not reported), summing counts and retained sizes and keeping a few example
 * ids; then hands each marked node to its root's group, so a group can count what its subtrees hold.
 */
export function groupMarkedSubtrees<G extends SubtreeGroup>(
  m: Pick<HeapModel, 'graph' | 'dominators'>,
  top: Uint32Array,
  place: (root: NodeIndex) => { key: string; create: () => G } | undefined,
  onMember: (group: G, v: number) => void = () => {},
): { groups: Map<string, G>; retainedBytes: Bytes } {
  const g = m.graph;
  const { retainedSize } = m.dominators;
  const groups = new Map<string, G>();
  const groupOfRoot = new Map<number, G>();
  let total = 0;
  for (let v = 0; v < g.nodeCount; v++) {
    if (top[v] !== v) continue;
    const placed = place(asNode(v));
    if (!placed) continue;
    let group = groups.get(placed.key);
    if (!group) {
      group = placed.create();
      groups.set(placed.key, group);
    }
    group.count++;
    group.retainedBytes = bytes(group.retainedBytes + retainedSize[v]);
    if (group.exampleIds.length < EXAMPLES) group.exampleIds.push(g.nodeId[v]);
    groupOfRoot.set(v, group);
    total += retainedSize[v];
  }
  for (let v = 0; v < g.nodeCount; v++) {
    const group = top[v] === NOT_MARKED ? undefined : groupOfRoot.get(top[v]);
    if (group) onMember(group, v);
  }
  return { groups, retainedBytes: bytes(total) };
}
