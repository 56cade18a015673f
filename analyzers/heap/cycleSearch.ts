import type { CancelTicks } from '../core/cancelPoint';
import { COLLECTION_CLASSES, type CycleScope } from './cycleScope';
import type { ParsedSnapshot } from './heapModel';
import { stronglyConnected, type Components } from './stronglyConnected';
import { EDGE_NAMES_OF_NOTE } from './edgeNamesOfNote';
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
 * A class, not a closure per search: the hot loops call `follows` on objects of this one class, so
 * the code V8 optimized for one snapshot's search still fits the next (a new closure each search
 * was a new call target, and a deoptimization, in every loop that tested an edge).
 */
export class DataEdges {
  private readonly edgeType: Uint8Array;
  private readonly edgeNameOrIndex: Uint32Array;
  private readonly edgeNameRole: Uint8Array;
  private readonly element: number;
  private readonly context: number;
  private readonly property: number;
  private readonly internal: number;

  constructor(s: CycleSearchInput) {
    this.edgeType = s.edgeType;
    this.edgeNameOrIndex = s.edgeNameOrIndex;
    this.edgeNameRole = s.edgeNameRole;
    ({ element: this.element, context: this.context, property: this.property, internal: this.internal } = s.edgeIds);
  }

  follows(e: number): boolean {
    const t = this.edgeType[e];
    if (t === this.element || t === this.context) return true;
    if (t === this.property) return this.edgeNameRole[this.edgeNameOrIndex[e]] !== EXCLUDED_PROPERTY;
    if (t === this.internal) return this.edgeNameRole[this.edgeNameOrIndex[e]] === FOLLOWED_INTERNAL;
    return false;
  }
}

/** Each of `EDGE_NAMES_OF_NOTE`'s roles, by its position there. */
const ROLE_OF_NAME = EDGE_NAMES_OF_NOTE.map((name) => (FOLLOWED_INTERNALS.has(name) ? FOLLOWED_INTERNAL : EXCLUDED_PROPERTIES.has(name) ? EXCLUDED_PROPERTY : 0));

/** Each table's edge-name roles, once computed or received with the model from its parse thread. */
const rolesOfTable = new WeakMap<StringTable, Uint8Array>();

/**
 * Each string's role as an edge name: an index is all digits, and a few names have a role. The table
 * read from a file knows which strings are those names (the parse marked them: `EDGE_NAMES_OF_NOTE`);
 * another one is matched in a pass over its bytes. A parse thread posts the roles with the model
 * (`rememberEdgeNameRoles`).
 */
export function edgeNameRoles(strings: StringTable): Uint8Array {
  const known = rolesOfTable.get(strings);
  if (known) return known;
  const roles = strings.match(EDGE_NAMES_OF_NOTE);
  const byMatch = [0, ...ROLE_OF_NAME];
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
 * whole graph: the work is bounded by the classes that can matter. Each pass over the graph is a
 * function of its own: V8 optimizes a long loop while it runs, and a function holding several such
 * loops was optimized again, and thrown away, at each next loop, in every snapshot's search.
 */
export async function searchCycles(s: CycleSearchInput, ticks?: CancelTicks): Promise<CycleComponents> {
  const edges = new DataEdges(s);
  // Steps left from each object reached (-1: not reached); an object reached again with more left is searched again.
  const left = new Int8Array(s.nodeCount).fill(-1);
  await reachFromHolders(s, edges, left, holders(s, left), ticks);
  const members = reached(left);
  return { ...(await stronglyConnected(s, members, localIndexes(s.nodeCount, members), edges, ticks)), members };
}

/** The holders' objects that can be in a cycle, each marked with the whole search depth left. */
function holders(s: CycleSearchInput, left: Int8Array): Uint32Array {
  const { nodeCount: n, rootIndex, nodeType, classOf, classRole, cycleType } = s;
  let count = 0;
  for (let v = 0; v < n; v++) if (classRole[classOf[v]] === HOLDER && cycleType[nodeType[v]] && v !== rootIndex) count++;
  const found = new Uint32Array(count);
  for (let v = 0, i = 0; v < n && i < count; v++) {
    if (classRole[classOf[v]] !== HOLDER || !cycleType[nodeType[v]] || v === rootIndex) continue;
    left[v] = SEARCH_DEPTH;
    found[i++] = v;
  }
  return found;
}

/** Breadth-first from the holders over data references, as far as `left` allows; marks what it reaches. */
async function reachFromHolders(s: CycleSearchInput, edges: DataEdges, left: Int8Array, start: Uint32Array, ticks: CancelTicks | undefined): Promise<void> {
  const { rootIndex, nodeType, firstEdge, edgeToNode, classOf, classRole, cycleType } = s;
  let queue = new Uint32Array(Math.max(1024, start.length * 2));
  queue.set(start);
  let tail = start.length;
  for (let head = 0; head < tail; head++) {
    if (ticks?.due()) await ticks.pause();
    const v = queue[head];
    const steps = left[v] - 1;
    for (let e = firstEdge[v]; e < firstEdge[v + 1]; e++) {
      const w = edgeToNode[e];
      const reach = classRole[classOf[w]] === COLLECTION ? SEARCH_DEPTH : steps;
      if (reach <= left[w] || !cycleType[nodeType[w]] || w === rootIndex || !edges.follows(e)) continue;
      if (left[w] < 0 && reach === 0) {
        left[w] = 0;
        continue;
      }
      left[w] = reach;
      if (tail === queue.length) {
        const grown = new Uint32Array(queue.length * 2);
        grown.set(queue);
        queue = grown;
      }
      queue[tail++] = w;
    }
  }
}

/** The objects the search reached, ascending. */
function reached(left: Int8Array): Uint32Array {
  let count = 0;
  for (let v = 0; v < left.length; v++) if (left[v] >= 0) count++;
  const members = new Uint32Array(count);
  for (let v = 0, i = 0; i < count; v++) if (left[v] >= 0) members[i++] = v;
  return members;
}

/** Each node's position among `members`, -1 for a node not among them. */
function localIndexes(nodeCount: number, members: Uint32Array): Int32Array {
  const local = new Int32Array(nodeCount).fill(-1);
  for (let i = 0; i < members.length; i++) local[members[i]] = i;
  return local;
}
