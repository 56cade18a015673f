import { bytes, type Bytes } from '../core/units';
import type { HeapSnapshotSummary } from './constructorSummary';
import { SYSTEM_DISTANCE_BASE, UNREACHABLE } from './distances';
import { asNode } from './heapGraph';
import type { HeapModel } from './heapModel';
import { nodeLabel } from './nodeLabels';
import { abbreviateSteps, retainerSteps } from './retainerPaths';
import type { CodeLocation } from './viewCodeLocation';

/** One object of a class, as DevTools lists it under its constructor, with what keeps it alive. */
export interface ObjectRow {
  /** V8's object id (`@1234` in DevTools). */
  id: number;
  label: string;
  selfBytes: Bytes;
  retainedBytes: Bytes;
  /** Edges on the shortest retaining path; null when nothing retains it (garbage not yet collected). */
  distance: number | null;
  /** True when only system roots (handles, the compilation cache, …) reach it, no global. */
  systemRootsOnly: boolean;
  /** The shortest retaining path from the roots, as readable steps (long paths abbreviated). */
  retainerPath: string[];
  /** The code that created it (its constructor) or, for a closure, its function. */
  location?: CodeLocation;
}

/** The objects of the classes that retain the most: what the Summary expands into. */
export interface ClassObjects {
  className: string;
  /** Largest retained size first. */
  objects: ObjectRow[];
}

/**
 * For the `classCount` classes with the largest retained size, their `perClass` largest objects by
 * retained size and the path that retains each — DevTools' "expand the constructor, select the
 * object, read its Retainers" in one view, computed once in the analysis process where the graph is.
 * One pass over the nodes keeps a small sorted top list per class.
 */
export function largestObjects(m: HeapModel, summary: HeapSnapshotSummary, locate?: (m: HeapModel, node: number) => CodeLocation | undefined, classCount = 25, perClass = 5): ClassObjects[] {
  const { classOf, names } = m.classes;
  const wanted = summary.constructors.slice(0, classCount).map((row) => row.name);
  const slotOfClass = new Int32Array(names.length).fill(-1);
  wanted.forEach((name, slot) => (slotOfClass[names.indexOf(name)] = slot));
  const top = wanted.map(() => [] as number[]);
  const { retainedSize } = m.dominators;
  const synthetic = m.ids.nodeSynthetic;
  const { nodeType } = m.graph;
  for (let v = 0; v < m.graph.nodeCount; v++) {
    const slot = slotOfClass[classOf[v]];
    if (slot < 0 || nodeType[v] === synthetic) continue;
    const list = top[slot];
    if (list.length === perClass && retainedSize[v] <= retainedSize[list[perClass - 1]]) continue;
    let i = Math.min(list.length, perClass - 1);
    list[i] = v;
    for (; i > 0 && retainedSize[list[i - 1]] < retainedSize[v]; i--) [list[i - 1], list[i]] = [list[i], list[i - 1]];
  }
  return wanted.map((className, slot) => ({ className, objects: top[slot].map((v) => objectRow(m, v, locate?.(m, v))) }));
}

function objectRow(m: HeapModel, v: number, location: CodeLocation | undefined): ObjectRow {
  const d = m.distances.distance[v];
  return {
    id: m.graph.nodeId[v],
    label: nodeLabel(m, v),
    selfBytes: bytes(m.graph.nodeSelfSize[v]),
    retainedBytes: bytes(m.dominators.retainedSize[v]),
    distance: d === UNREACHABLE ? null : d % SYSTEM_DISTANCE_BASE,
    systemRootsOnly: d !== UNREACHABLE && d >= SYSTEM_DISTANCE_BASE,
    retainerPath: abbreviateSteps(retainerSteps(m, asNode(v))),
    ...(location ? { location } : {}),
  };
}
