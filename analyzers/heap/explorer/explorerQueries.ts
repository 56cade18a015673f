import { bytes } from '../../core/units';
import { SYSTEM_DISTANCE_BASE, UNREACHABLE } from '../distances';
import { dominatorTreeOf } from '../dominatorTree';
import { asNode, isRetainingEdge } from '../heapGraph';
import type { HeapModel, ParsedSnapshot } from '../heapModel';
import { edgeLabel, edgeOwner, nodeLabel } from '../nodeLabels';
import { retainerEdges, retainerOwner } from '../retainers';
import { shortestRetainerPath } from '../retainerPaths';
import { compareSnapshots } from '../snapshotComparison';
import type { ClassIndex } from './classIndex';
import { MAX_PAGE_ROWS, type ExplorerClass, type ExplorerClassDelta, type ExplorerEdge, type ExplorerObject, type Page } from '../viewExplorer';

/**
 * The explorer's queries: pure functions over one loaded snapshot (or two, for the comparison),
 * reading the model's typed arrays; each answer is one page, so a class of 275,000 objects or a
 * node with a million references costs one page's worth of work and memory.
 */

const percentOf = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);

const distanceOf = (d: number) => (d === UNREACHABLE ? null : d % SYSTEM_DISTANCE_BASE);

export function explorerObject(m: HeapModel, v: number): ExplorerObject {
  const g = m.graph;
  const total = m.summary.totalBytes;
  const d = m.distances.distance[v];
  const { first } = dominatorTreeOf(m.dominators.idom, m.graph.rootIndex);
  return {
    id: g.nodeId[v],
    label: nodeLabel(m, v),
    className: m.classes.names[m.classes.classOf[v]],
    selfBytes: bytes(g.nodeSelfSize[v]),
    retainedBytes: bytes(m.dominators.retainedSize[v]),
    selfPercent: percentOf(g.nodeSelfSize[v], total),
    retainedPercent: percentOf(m.dominators.retainedSize[v], total),
    distance: distanceOf(d),
    systemRootsOnly: d !== UNREACHABLE && d >= SYSTEM_DISTANCE_BASE,
    referenceCount: g.firstEdge[v + 1] - g.firstEdge[v],
    retainerCount: m.retainers.firstRetainer[v + 1] - m.retainers.firstRetainer[v],
    dominatedCount: first[v + 1] - first[v],
  };
}

/** A page window clamped to the list and to MAX_PAGE_ROWS. */
function window(total: number, offset: number, limit: number): { from: number; to: number } {
  const from = Math.max(0, Math.min(Math.floor(offset), total));
  return { from, to: Math.min(total, from + Math.max(0, Math.min(Math.floor(limit), MAX_PAGE_ROWS))) };
}

function page<R>(total: number, offset: number, limit: number, row: (i: number) => R): Page<R> {
  const { from, to } = window(total, offset, limit);
  const rows: R[] = [];
  for (let i = from; i < to; i++) rows.push(row(i));
  return { offset: from, total, rows };
}

/** A class name or `@id` filter: case-insensitive substring of the class name; empty matches all. */
export function nameMatcher(filter: string | undefined): (name: string) => boolean {
  const wanted = (filter ?? '').trim().toLowerCase();
  if (!wanted || /^@\d+$/.test(wanted)) return () => true;
  return (name) => name.toLowerCase().includes(wanted);
}

/** The Summary's classes with the filter applied, largest retained size first. */
export function classList(m: HeapModel, index: ClassIndex, filter?: string): ExplorerClass[] {
  const matches = nameMatcher(filter);
  const total = m.summary.totalBytes;
  const classOfName = new Map(m.classes.names.map((n, c) => [n, c]));
  return m.summary.constructors
    .filter((r) => matches(r.name))
    .map((r) => ({
      name: r.name,
      count: r.count,
      shallowBytes: r.shallowBytes,
      retainedBytes: r.retainedBytes,
      shallowPercent: percentOf(r.shallowBytes, total),
      retainedPercent: percentOf(r.retainedBytes, total),
      distance: distanceOf(index.minDistance[classOfName.get(r.name) ?? 0]),
    }));
}

/**
 * A page of one class's objects, largest retained size first; `newSince`: only those whose id the
 * earlier snapshot does not have (the Comparison's "+").
 */
export function instances(m: HeapModel, index: ClassIndex, className: string, offset: number, limit: number, newSince?: ParsedSnapshot): Page<ExplorerObject> {
  const c = m.classes.names.indexOf(className);
  if (c < 0) return { offset: 0, total: 0, rows: [] };
  let objects = index.objectsOf(c);
  if (newSince) objects = objects.filter((v) => !newSince.idIndex.has(m.graph.nodeId[v]));
  return page(objects.length, offset, limit, (i) => explorerObject(m, objects[i]));
}

function edgeRow(m: HeapModel, e: number, owner: number, other: number): ExplorerEdge {
  const t = m.graph.edgeType[e];
  return {
    name: edgeLabel(m, e),
    edgeType: m.graph.edgeTypes[t],
    retains: isRetainingEdge(m.ids, t, owner, m.graph.rootIndex),
    object: explorerObject(m, other),
  };
}

/** A page of the object's outgoing references, in the snapshot's edge order (DevTools' Containment). */
export function references(m: HeapModel, v: number, offset: number, limit: number): Page<ExplorerEdge> {
  const start = m.graph.firstEdge[v];
  return page(m.graph.firstEdge[v + 1] - start, offset, limit, (i) => edgeRow(m, start + i, v, m.graph.edgeToNode[start + i]));
}

/**
 * The edges into `v` in the order of its retainers' pages: those that keep it alive first, nearest
 * the roots first; the edges that do not retain (weak) last.
 */
export function retainerOrder(m: HeapModel, v: number): Uint32Array {
  const { firstRetainer, retainerNode } = m.retainers;
  const edges = retainerEdges(m.graph, m.retainers, v);
  const entries = edges.map((e, i) => ({ e, owner: retainerOwner(retainerNode[firstRetainer[v] + i]), retains: retainerNode[firstRetainer[v] + i] >= 0 }));
  const { distance } = m.distances;
  entries.sort((a, b) => Number(b.retains) - Number(a.retains) || distance[a.owner] - distance[b.owner] || a.e - b.e);
  return Uint32Array.from(entries, (x) => x.e);
}

/** A page of the object's retainers (`order`: retainerOrder's, kept by the explorer between pages), weak ones marked. */
export function retainers(m: HeapModel, v: number, offset: number, limit: number, order = retainerOrder(m, v)): Page<ExplorerEdge> {
  return page(order.length, offset, limit, (i) => {
    const owner = edgeOwner(m.graph.firstEdge, order[i]);
    return edgeRow(m, order[i], owner, owner);
  });
}

/** The objects `v` immediately dominates in the order of their pages: largest retained size first. */
export function dominatedOrder(m: HeapModel, v: number): Uint32Array {
  const { first, children } = dominatorTreeOf(m.dominators.idom, m.graph.rootIndex);
  const kids = children.slice(first[v], first[v + 1]);
  const retained = m.dominators.retainedSize;
  return kids.sort((a, b) => retained[b] - retained[a] || a - b);
}

/** A page of the objects `v` immediately dominates (`order`: dominatedOrder's, kept by the explorer between pages). */
export function dominated(m: HeapModel, v: number, offset: number, limit: number, order = dominatedOrder(m, v)): Page<ExplorerObject> {
  return page(order.length, offset, limit, (i) => explorerObject(m, order[i]));
}

/** The shortest retaining path into `v`, root first, as edges with the object each leads to. */
export function retainingPath(m: HeapModel, v: number): ExplorerEdge[] | null {
  const path = shortestRetainerPath(m, asNode(v));
  if (!path) return null;
  return path.edges.map((e, i) => edgeRow(m, e, path.nodes[i], path.nodes[i + 1]));
}

/** DevTools' Comparison by class between any two snapshots: objects added (+) and removed (−), matched by id. */
export function compareClasses(before: ParsedSnapshot, after: ParsedSnapshot, filter?: string): ExplorerClassDelta[] {
  const matches = nameMatcher(filter);
  return compareSnapshots(before, after)
    .classes.filter((r) => matches(r.name))
    .map((r) => ({
      name: r.name,
      added: r.newCount,
      removed: r.deletedCount,
      countDelta: r.countDelta,
      addedBytes: r.newBytes,
      removedBytes: r.deletedBytes,
      sizeDelta: r.bytesDelta,
    }));
}
