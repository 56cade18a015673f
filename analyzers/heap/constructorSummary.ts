import { bytes } from '../core/units';
import type { DominatorTree } from './dominatorTree';
import type { HeapSnapshotData, TypeIds } from './heapGraph';
import type { NodeClasses } from './nodeClasses';
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
  retainedSize: Float64Array,
  tree: DominatorTree,
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

  // Iterative preorder walk of the dominator tree, counting open ancestors per class.
  const open = new Uint32Array(classCount);
  const stackNode = new Uint32Array(g.nodeCount);
  const stackNext = new Uint32Array(g.nodeCount);
  const { first, children } = tree;
  let sp = 0;
  const enter = (v: number) => {
    if (nodeType[v] !== synthetic) {
      const c = classOf[v];
      if (open[c]++ === 0) retained[c] += retainedSize[v];
    }
    stackNode[sp] = v;
    stackNext[sp] = first[v];
    sp++;
  };
  enter(g.rootIndex);
  while (sp > 0) {
    const v = stackNode[sp - 1];
    const next = stackNext[sp - 1];
    if (next < first[v + 1]) {
      stackNext[sp - 1] = next + 1;
      enter(children[next]);
    } else {
      sp--;
      if (nodeType[v] !== synthetic) open[classOf[v]]--;
    }
  }

  const constructors = [];
  for (let c = 0; c < classCount; c++) {
    if (count[c] === 0) continue;
    constructors.push({ name: classes.names[c], count: count[c], shallowBytes: bytes(shallow[c]), retainedBytes: bytes(retained[c]) });
  }
  constructors.sort((a, b) => b.retainedBytes - a.retainedBytes || b.shallowBytes - a.shallowBytes || a.name.localeCompare(b.name));
  return { file: g.file, nodeCount: g.nodeCount, edgeCount: g.edgeCount, totalBytes: bytes(totalBytes), constructors };
}
