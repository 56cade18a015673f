import { bytes } from '../core/units';
import type { DominatorPreorder } from './dominators';
import type { HeapSnapshotData, TypeIds } from './heapGraph';
import { typeClassName, type NodeClasses } from './nodeClasses';
import type { HeapSnapshotSummary } from './view';

/**
 * The Summary view: per class, the object count, the sum of shallow sizes and the retained size.
 * A class's retained size counts only its top-most objects in the dominator tree (an object
 * dominated by another object of the same class is already inside that one's retained size),
 * which is how DevTools avoids double counting. Synthetic nodes (the root, `(GC roots)`, ...) are
 * not objects and are left out.
 */
export function constructorSummary(
  g: Pick<HeapSnapshotData, 'file' | 'nodeCount' | 'edgeCount' | 'nodeType' | 'nodeSelfSize' | 'rootIndex'>,
  ids: TypeIds,
  classes: NodeClasses,
  tree: DominatorPreorder,
): HeapSnapshotSummary {
  const classCount = classes.names.length;
  const count = new Float64Array(classCount);
  const shallow = new Float64Array(classCount);
  const retained = new Float64Array(classCount);
  const { classOf } = classes;
  const { nodeType, nodeSelfSize } = g;
  const synthetic = ids.nodeSynthetic;
  let totalBytes = 0;
  for (let v = 0; v < g.nodeCount; v++) {
    totalBytes += nodeSelfSize[v];
    if (nodeType[v] === synthetic) continue;
    count[classOf[v]]++;
    shallow[classOf[v]] += nodeSelfSize[v];
  }

  // In preorder, an object is top-most for its class unless it lies inside the preorder interval of
  // the last top-most object of that class: intervals of one class nest or are disjoint, so that
  // one is the only candidate ancestor. No stack, and the arrays are read nearly in order.
  const openUntil = new Float64Array(classCount);
  const { count: vertices, order, vertex, subtreeSize, retainedSize } = tree;
  // Synthetic nodes have a class of their own: the type is loaded only for that class.
  const syntheticClass = classes.names.indexOf(typeClassName('synthetic'));
  for (let p = 0; p < vertices; p++) {
    const w = order[p];
    const v = vertex[w];
    const c = classOf[v];
    if (p < openUntil[c] || (c === syntheticClass && nodeType[v] === synthetic)) continue;
    retained[c] += retainedSize[v];
    openUntil[c] = p + subtreeSize[w];
  }

  const constructors = [];
  for (let c = 0; c < classCount; c++) {
    if (count[c] === 0) continue;
    constructors.push({ name: classes.names[c], count: count[c], shallowBytes: bytes(shallow[c]), retainedBytes: bytes(retained[c]) });
  }
  constructors.sort((a, b) => b.retainedBytes - a.retainedBytes || b.shallowBytes - a.shallowBytes || a.name.localeCompare(b.name));
  return { file: g.file, nodeCount: g.nodeCount, edgeCount: g.edgeCount, totalBytes: bytes(totalBytes), constructors };
}
