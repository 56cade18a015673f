import type { HeapSnapshotData, TypeIds } from './heapGraph';
import type { NodeClasses } from './nodeClasses';
import type { NodeIdIndex } from './nodeIdIndex';

/** The parts of a heap model this needs (not HeapModel itself: its module imports the views that import this). */
interface CaptureGraph {
  graph: HeapSnapshotData;
  ids: TypeIds;
  idIndex: NodeIdIndex;
  classes: NodeClasses;
}

/**
 * Classes of the objects a closure's context captures (`player` in `(dt) => player.gainXp(dt)`): a
 * leaked listener closure is the same leak as the objects it captures, seen through another path.
 */
export function capturedClasses(m: CaptureGraph, closureId: number): string[] {
  const g = m.graph;
  const { ids } = m;
  const node = m.idIndex.lookup(closureId);
  if (node === undefined) return [];
  const contextName = g.strings.indexOf('context');
  // A context shared by two closures (a tick and a level-up listener made in one call) is dominated by
  // neither, so it leaks as an object of its own: it is read like the closures' context.
  const contexts: number[] = [];
  if (g.nodeType[node] === ids.nodeClosure) {
    for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) if (g.edgeType[e] === ids.edgeInternal && g.edgeNameOrIndex[e] === contextName) contexts.push(g.edgeToNode[e]);
  } else if (g.strings.get(g.nodeName[node]) === 'system / Context') contexts.push(node);
  const out = new Set<string>();
  for (const ctx of contexts) {
    for (let ce = g.firstEdge[ctx]; ce < g.firstEdge[ctx + 1]; ce++) {
      const v = g.edgeToNode[ce];
      if (g.edgeType[ce] === ids.edgeContext && g.nodeType[v] === ids.nodeObject) out.add(m.classes.names[m.classes.classOf[v]]);
    }
  }
  return [...out];
}
