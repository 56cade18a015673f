import { UNREACHABLE } from './distances';
import { asEdge, asNode, type EdgeIndex, type NodeIndex } from './heapGraph';
import type { HeapModel } from './heapModel';
import { edgeLabel, edgeOwner, nodeLabel } from './nodeLabels';

/** One shortest retaining path from the root: `nodes[i]` holds `edges[i]`, which points at `nodes[i + 1]`. */
export interface RetainerPath {
  nodes: NodeIndex[];
  edges: EdgeIndex[];
}

/** Follows the breadth-first parents back to the root; null when nothing retains the node. */
export function shortestRetainerPath(m: HeapModel, node: NodeIndex): RetainerPath | null {
  const { parentEdge, distance } = m.distances;
  if (distance[node] === UNREACHABLE) return null;
  const nodes: NodeIndex[] = [node];
  const edges: EdgeIndex[] = [];
  let v: number = node;
  while (v !== m.graph.rootIndex) {
    const e = parentEdge[v];
    edges.push(asEdge(e));
    v = edgeOwner(m.graph.firstEdge, e);
    nodes.push(asNode(v));
  }
  nodes.reverse();
  edges.reverse();
  return { nodes, edges };
}

/**
 * The path as readable steps, nodes and edges alternating and the root left out:
 * `(GC roots)`, `[12]`, `system / Context @5`, `context.players`, `Map @31`, … `Player @1234`.
 * Joined with ` → ` it reads like DevTools' retainers view.
 */
export function formatRetainerPath(m: HeapModel, path: RetainerPath): string[] {
  if (path.nodes.length === 1) return [nodeLabel(m, path.nodes[0])];
  const steps: string[] = [];
  for (let i = 1; i < path.nodes.length; i++) {
    if (i > 1) steps.push(edgeLabel(m, path.edges[i - 1]));
    steps.push(nodeLabel(m, path.nodes[i]));
  }
  return steps;
}

/** `formatRetainerPath` of the shortest path, or a one-step note when the node is unreachable. */
export function retainerSteps(m: HeapModel, node: NodeIndex): string[] {
  const path = shortestRetainerPath(m, node);
  return path ? formatRetainerPath(m, path) : [`${nodeLabel(m, node)} (not reachable from the GC roots)`];
}

/** Long paths (Node's ESM loader adds dozens of steps) keep their start and their last `tail` steps. */
export function abbreviateSteps(steps: string[], tail = 13): string[] {
  return steps.length <= tail + 2 ? steps : [steps[0], '…', ...steps.slice(steps.length - tail)];
}
