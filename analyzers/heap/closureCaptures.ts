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
  const closure = m.idIndex.lookup(closureId);
  if (closure === undefined || g.nodeType[closure] !== ids.nodeClosure) return [];
  const contextName = g.strings.indexOf('context');
  const out = new Set<string>();
  for (let e = g.firstEdge[closure]; e < g.firstEdge[closure + 1]; e++) {
    if (g.edgeType[e] !== ids.edgeInternal || g.edgeNameOrIndex[e] !== contextName) continue;
    const ctx = g.edgeToNode[e];
    for (let ce = g.firstEdge[ctx]; ce < g.firstEdge[ctx + 1]; ce++) {
      const v = g.edgeToNode[ce];
      if (g.edgeType[ce] === ids.edgeContext && g.nodeType[v] === ids.nodeObject) out.add(m.classes.names[m.classes.classOf[v]]);
    }
  }
  return [...out];
}
