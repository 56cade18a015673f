import type { CancelTicks } from '../core/cancelPoint';
import { COLLECTION_CLASSES, type CycleScope } from './cycleScope';
import type { ParsedSnapshot } from './heapModel';
import { stronglyConnected, type Components } from './stronglyConnected';
import { DIGITS, type StringTable } from './stringTable';

const EXCLUDED_PROPERTIES = new Set(['__proto__', 'constructor', 'prototype']);
const FOLLOWED_INTERNALS = new Set(['context', 'elements', 'table']);
const CYCLE_TYPES = new Set(['object', 'closure', 'array', 'native', 'regexp']);
/**
 * How far from a holder the search reaches: a pattern's objects are at most two references away from
 * it (a closure and its context; a collection and its backing store), and so are those of the way
 * back in the cycles the patterns describe (a friend's own friends list).
 */
const SEARCH_DEPTH = 2;

const HOLDER = 1;
const COLLECTION = 2;
const FOLLOWED_INTERNAL = 1;
const EXCLUDED_PROPERTY = 2;

/**
 * Everything the search reads, as arrays only (most on shared memory), so that it can run on a helper
 * thread (cycleSearchWorker) as well as here.
 */
export interface CycleSearchInput {
  nodeCount: number;
  rootIndex: number;
  nodeType: Uint8Array;
  firstEdge: Uint32Array;
  edgeType: Uint8Array;
  edgeNameOrIndex: Uint32Array;
  edgeToNode: Uint32Array;
  classOf: Uint32Array;
  /** Per class: `HOLDER`, `COLLECTION` (one that grows) or 0. */
  classRole: Uint8Array;
  /** Per node type: 1 when its objects can be in a cycle. */
  cycleType: Uint8Array;
  /** Per string, as an edge name: `FOLLOWED_INTERNAL` or `EXCLUDED_PROPERTY`, else 0. */
  edgeNameRole: Uint8Array;
  edgeIds: { element: number; context: number; property: number; internal: number };
  /** What the pattern passes (cyclePatterns) read besides. Per class: 1 for a collection a cycle may pass through. */
  classContainer: Uint8Array;
  /** The string `context` (a closure's edge to its context), -1 when absent. */
  contextName: number;
  stringCount: number;
  nodeIds: { object: number; closure: number };
}

export interface CycleComponents extends Components {
  /** The objects the search covered, ascending: the holders and what it reached from them (every object in a cycle is one). */
  members: Uint32Array;
}

export function cycleSearchInput(m: ParsedSnapshot, scope: CycleScope): CycleSearchInput {
  const g = m.graph;
  const { ids } = m;
  const holders = new Set(scope.holders);
  const collections = new Set(scope.collections);
  const classRole = Uint8Array.from(m.classes.names, (name) => (holders.has(name) ? HOLDER : collections.has(name) ? COLLECTION : 0));
  const edgeNameRole = edgeNameRoles(g.strings);
  return {
    nodeCount: g.nodeCount,
    rootIndex: g.rootIndex,
    nodeType: g.nodeType,
    firstEdge: g.firstEdge,
    edgeType: g.edgeType,
    edgeNameOrIndex: g.edgeNameOrIndex,
    edgeToNode: g.edgeToNode,
    classOf: m.classes.classOf,
    classRole,
    cycleType: Uint8Array.from(g.nodeTypes, (t) => (CYCLE_TYPES.has(t) ? 1 : 0)),
    edgeNameRole,
    edgeIds: { element: ids.edgeElement, context: ids.edgeContext, property: ids.edgeProperty, internal: ids.edgeInternal },
    classContainer: Uint8Array.from(m.classes.names, (name) => (COLLECTION_CLASSES.has(name) ? 1 : 0)),
    contextName: g.strings.indexOf('context'),
    stringCount: g.strings.length,
    nodeIds: { object: ids.nodeObject, closure: ids.nodeClosure },
  };
}

/**
 * The *data* references a cycle is made of — properties, elements, captured variables, a closure's
 * context and a collection's backing store; hidden-class maps, prototypes, code and a context's
 * parent chain are left out, otherwise everything reachable from a global would be one component.
 */
export function dataEdge(s: CycleSearchInput): (e: number) => boolean {
  const { edgeType, edgeNameOrIndex, edgeNameRole } = s;
  const { element, context, property, internal } = s.edgeIds;
  return (e) => {
    const t = edgeType[e];
    if (t === element || t === context) return true;
    if (t === property) return edgeNameRole[edgeNameOrIndex[e]] !== EXCLUDED_PROPERTY;
    if (t === internal) return edgeNameRole[edgeNameOrIndex[e]] === FOLLOWED_INTERNAL;
    return false;
  };
}

const NAMED_ROLES = [...[...FOLLOWED_INTERNALS].map((n) => [n, FOLLOWED_INTERNAL] as const), ...[...EXCLUDED_PROPERTIES].map((n) => [n, EXCLUDED_PROPERTY] as const)];

/** Each table's edge-name roles, once computed or received with the model from its parse thread. */
const rolesOfTable = new WeakMap<StringTable, Uint8Array>();

/**
 * Each string's role as an edge name, in one pass over the table's bytes (a million strings on a big
 * snapshot, ~0.2 s): an index is all digits, and a few names have a role. A parse thread computes it
 * while the other snapshots load and posts it with the model (`rememberEdgeNameRoles`), so that the
 * cycle search does not pay it after the loads.
 */
export function edgeNameRoles(strings: StringTable): Uint8Array {
  const known = rolesOfTable.get(strings);
  if (known) return known;
  const roles = strings.match(NAMED_ROLES.map(([name]) => name));
  const byMatch = [0, ...NAMED_ROLES.map(([, role]) => role)];
  for (let i = 0; i < roles.length; i++) roles[i] = roles[i] === DIGITS ? FOLLOWED_INTERNAL : byMatch[roles[i]];
  rolesOfTable.set(strings, roles);
  return roles;
}

/** `edgeNameRoles(strings)` as another thread computed it from the same table's parts. */
export function rememberEdgeNameRoles(strings: StringTable, roles: Uint8Array): void {
  if (roles.length !== strings.length) throw new RangeError(`edge-name roles for ${roles.length} strings, not the table's ${strings.length}`);
  rolesOfTable.set(strings, roles);
}

export const isHolderClass = (s: CycleSearchInput, cls: number): boolean => s.classRole[cls] === HOLDER;

/**
 * Strongly connected components (stronglyConnected) among the holders' objects and what they reference
 * within `SEARCH_DEPTH` data references — a growing collection reached counting as a holder — not the
 * whole graph: the work is bounded by the classes that can matter.
 */
export async function searchCycles(s: CycleSearchInput, ticks?: CancelTicks): Promise<CycleComponents> {
  const { nodeCount: n, rootIndex, nodeType, firstEdge, edgeToNode, classOf, classRole, cycleType } = s;
  const follow = dataEdge(s);
  // Steps left from each object reached (-1: not reached); an object reached again with more left is searched again.
  const left = new Int8Array(n).fill(-1);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) {
    if (classRole[classOf[v]] === HOLDER && cycleType[nodeType[v]] && v !== rootIndex) {
      left[v] = SEARCH_DEPTH;
      queue.push(v);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    if (ticks?.due()) await ticks.pause();
    const v = queue[head];
    const steps = left[v] - 1;
    for (let e = firstEdge[v]; e < firstEdge[v + 1]; e++) {
      const w = edgeToNode[e];
      const reach = classRole[classOf[w]] === COLLECTION ? SEARCH_DEPTH : steps;
      if (reach <= left[w] || !cycleType[nodeType[w]] || w === rootIndex || !follow(e)) continue;
      if (left[w] < 0 && reach === 0) {
        left[w] = 0;
        continue;
      }
      left[w] = reach;
      queue.push(w);
    }
  }
  let searched = 0;
  for (let v = 0; v < n; v++) if (left[v] >= 0) searched++;
  const members = new Uint32Array(searched);
  const local = new Int32Array(n).fill(-1);
  for (let v = 0, i = 0; v < n; v++) {
    if (left[v] < 0) continue;
    local[v] = i;
    members[i++] = v;
  }
  return { ...(await stronglyConnected(s, members, local, follow, ticks)), members };
}
