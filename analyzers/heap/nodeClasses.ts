import type { HeapSnapshotData, TypeIds } from './heapGraph';
import { shareableBuffer } from './sharedMemory';

/** Every node's class (DevTools' Summary grouping) as an index into `names`. */
export interface NodeClasses {
  classOf: Uint32Array;
  names: string[];
}

/**
 * DevTools' className(): objects and native objects are grouped by their constructor name (V8
 * writes it as the node name), hidden nodes are `(system)`, code is `(compiled code)`, and every
 * other type is `(type)`: `(closure)`, `(string)`, `(array)`, `(concatenated string)`, ...
 */
export function typeClassName(typeName: string): string {
  if (typeName === 'hidden') return '(system)';
  if (typeName === 'code') return '(compiled code)';
  return `(${typeName})`;
}

export function classifyNodes(g: Pick<HeapSnapshotData, 'nodeCount' | 'nodeType' | 'nodeName' | 'nodeTypes' | 'strings'>, ids: TypeIds): NodeClasses {
  const names: string[] = [];
  const byName = new Map<string, number>();
  const classFor = (name: string) => {
    let c = byName.get(name);
    if (c === undefined) {
      c = names.length;
      names.push(name);
      byName.set(name, c);
    }
    return c;
  };
  // Classes by type are fixed; classes by name are cached per string index so each name is hashed once.
  const classOfType = g.nodeTypes.map((t) => classFor(typeClassName(t)));
  const classOfString = new Int32Array(g.strings.length).fill(-1);
  // Shared where the runtime has it: the cycle search reads it on a helper thread (cycleSearchThread.ts).
  const classOf = new Uint32Array(shareableBuffer(g.nodeCount * 4));
  const { nodeType, nodeName, strings } = g;
  for (let v = 0; v < g.nodeCount; v++) {
    const t = nodeType[v];
    if (t === ids.nodeObject || t === ids.nodeNative) {
      const s = nodeName[v];
      let c = classOfString[s];
      if (c < 0) c = classOfString[s] = classFor(strings.get(s));
      classOf[v] = c;
    } else classOf[v] = classOfType[t];
  }
  return { classOf, names };
}
