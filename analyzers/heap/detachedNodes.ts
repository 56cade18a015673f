import { bytes, type Bytes } from '../core/units';
import { asNode, type NodeIndex } from './heapGraph';
import type { HeapModel } from './heapModel';
import { edgeOwner } from './nodeLabels';
import { abbreviateSteps, formatRetainerPath, shortestRetainerPath } from './retainerPaths';
import { retainerEdges } from './retainers';
import { groupMarkedSubtrees } from './markedSubtreeGroups';
import { topMostMarked } from './topMostMarked';

/** Chromium's `detachedness` node field (V8 9.x+): 0 unknown, 1 attached to a document, 2 detached. */
const DETACHED = 2;
/** Snapshots before the field named detached nodes `Detached HTMLDivElement` (Blink's embedder graph). */
const DETACHED_PREFIX = 'Detached ';
/** Bounds the upward search for an example's JavaScript holders (a few levels of internal arrays and tables). */
const MAX_HOLDER_SEARCH = 2_000;
const MAX_GROUPS = 30;

/** Detached DOM nodes of one element class, kept alive through the same JavaScript holder. */
export interface DetachedNodeGroup {
  /** `HTMLLIElement`: the DOM interface (from the node's prototype, its wrapper or its `Detached …` name). */
  elementClass: string;
  /** How the snapshot names the example node, as DevTools shows it: `<li class="message">`. */
  nodeName: string;
  /** The first named JavaScript reference on the example's shortest retainer path: `messageCache (Map)`. */
  holder: string;
  /** Top-most detached nodes: not dominated by another detached node (each is the root of a detached subtree). */
  count: number;
  /** Detached nodes in those subtrees, the roots included. */
  subtreeNodeCount: number;
  /** Sum of the top-most nodes' retained sizes: what dropping the references would free. */
  retainedBytes: Bytes;
  exampleIds: number[];
  /** The example's shortest retainer path from the GC roots, readable. */
  retainerPath: string[];
  /** Every JavaScript reference that holds the example (the holder included): each must be dropped. */
  holders: string[];
}

export interface DetachedNodesReport {
  file: string;
  /** Detached DOM nodes in the snapshot, subtrees included. */
  detachedNodeCount: number;
  retainedBytes: Bytes;
  /** Largest retained size first. */
  groups: DetachedNodeGroup[];
}

/**
 * Detached DOM nodes of a browser (Chromium, Electron renderer) heap snapshot: nodes whose
 * `detachedness` is 2, or named `Detached …` by older versions. Each detached subtree counts once,
 * under its top-most detached node (which dominates the rest, as DevTools' "Detached" trees), grouped
 * by element class and by the JavaScript reference that keeps it. Null when the snapshot has no DOM
 * (Node.js: no node is attached or detached).
 */
export function detectDetachedNodes(m: HeapModel): DetachedNodesReport | null {
  const g = m.graph;
  const n = g.nodeCount;
  const detachedness = g.nodeDetachedness;
  // Per string, looked at only for the names of attached or detached nodes: a Node.js snapshot's
  // million strings (a catalog's keys) are never names of either.
  const UNKNOWN = 2;
  const prefixedOf = new Uint8Array(g.strings.length).fill(UNKNOWN);
  const domLikeOf = new Uint8Array(g.strings.length).fill(UNKNOWN);
  const prefixed = (name: number) => (prefixedOf[name] === UNKNOWN ? (prefixedOf[name] = g.strings.get(name).startsWith(DETACHED_PREFIX) ? 1 : 0) : prefixedOf[name]);
  const domLike = (name: number) => (domLikeOf[name] === UNKNOWN ? (domLikeOf[name] = isDomName(g.strings.get(name)) ? 1 : 0) : domLikeOf[name]);
  const detached = new Uint8Array(n);
  const elementClass = new Map<number, string>();
  let hasDom = false;
  let detachedNodeCount = 0;
  for (let v = 0; v < n; v++) {
    const state = detachedness ? detachedness[v] : 0;
    const name = g.nodeName[v];
    if (state === 1 && domLike(name)) hasDom = true;
    if (state !== DETACHED && !(state === 0 && g.nodeType[v] === m.ids.nodeNative && prefixed(name))) continue;
    // Node.js marks its own native retainers (`Node / ModuleWrap`) detached too: only DOM nodes count.
    const className = elementClassOf(m, asNode(v));
    if (!domLike(name) && !isDomName(className)) continue;
    detached[v] = 1;
    elementClass.set(v, className);
    detachedNodeCount++;
  }
  if (!hasDom && detachedNodeCount === 0) return null;

  const top = topMostMarked(m, detached);
  interface Building extends DetachedNodeGroup {
    exampleNode: NodeIndex;
  }
  const { groups, retainedBytes } = groupMarkedSubtrees<Building>(
    m,
    top,
    (node) => {
      const path = shortestRetainerPath(m, node);
      const holder = path ? pathHolder(m, path.nodes, path.edges) : '(not reachable from the GC roots)';
      const className = elementClass.get(node) ?? g.strings.get(g.nodeName[node]);
      return {
        key: `${className} ← ${holder}`,
        create: () => ({
          elementClass: className,
          nodeName: g.strings.get(g.nodeName[node]),
          holder,
          count: 0,
          subtreeNodeCount: 0,
          retainedBytes: bytes(0),
          exampleIds: [],
          retainerPath: path ? abbreviateSteps(formatRetainerPath(m, path)) : [],
          holders: [],
          exampleNode: node,
        }),
      };
    },
    (group) => group.subtreeNodeCount++,
  );
  const ranked = [...groups.values()]
    .sort((a, b) => b.retainedBytes - a.retainedBytes || b.count - a.count)
    .slice(0, MAX_GROUPS)
    .map(({ exampleNode, ...group }) => ({ ...group, holders: jsHolders(m, exampleNode, detached) }));
  return { file: g.file, detachedNodeCount, retainedBytes, groups: ranked };
}

const DOM_NODE_CLASSES = new Set(['Text', 'Comment', 'CDATASection', 'ProcessingInstruction', 'DocumentFragment', 'ShadowRoot', 'Attr', 'DocumentType', 'Document', 'HTMLDocument', 'XMLDocument']);

/** `Detached …`, Chromium's `<tag …>` names, and DOM interfaces (`HTMLDivElement`, `SVGPathElement`, `Text`). */
function isDomName(name: string): boolean {
  return name.startsWith(DETACHED_PREFIX) || /^<[a-zA-Z]/.test(name) || /^(HTML|SVG|MathML)\w*Element$/.test(name) || DOM_NODE_CLASSES.has(name);
}

/**
 * The DOM interface of a node: `Detached HTMLDivElement` names it; Chromium 110+ merges the JS
 * wrapper into the Blink node (`<li class="message">` whose `__proto__` is `HTMLLIElement`'s
 * prototype); otherwise a separate wrapper object points at it with an internal `cppgc_object` edge.
 */
function elementClassOf(m: HeapModel, node: NodeIndex): string {
  const g = m.graph;
  const name = g.strings.get(g.nodeName[node]);
  if (name.startsWith(DETACHED_PREFIX)) return name.slice(DETACHED_PREFIX.length);
  for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
    if (g.edgeType[e] !== m.ids.edgeProperty || g.strings.get(g.edgeNameOrIndex[e]) !== '__proto__') continue;
    const proto = /^(\S+) \(prototype\)/.exec(g.strings.get(g.nodeName[g.edgeToNode[e]]));
    if (proto) return proto[1];
  }
  for (const e of retainerEdges(g, m.retainers, node)) {
    const owner = edgeOwner(g.firstEdge, e);
    if (g.edgeType[e] === m.ids.edgeInternal && g.strings.get(g.edgeNameOrIndex[e]) === 'cppgc_object' && g.nodeType[owner] === m.ids.nodeObject) {
      return g.strings.get(g.nodeName[owner]);
    }
  }
  return name;
}

/**
 * The JavaScript reference an edge is, when it is one: a variable (`messageCache (Map)`), a
 * property (`Window.cache`), or a closure capturing the node itself (`(closure) onArchivedClick`).
 * Element indexes, internal links (a Map's table, an array's elements) and native edges are not.
 */
function holderOfEdge(m: HeapModel, edge: number, target: number): string | null {
  const g = m.graph;
  const t = g.edgeType[edge];
  const owner = edgeOwner(g.firstEdge, edge);
  if ((t !== m.ids.edgeProperty && t !== m.ids.edgeContext) || g.nodeType[owner] === m.ids.nodeNative) return null;
  const name = g.strings.get(g.edgeNameOrIndex[edge]);
  if (/^\d+$/.test(name) || name === '__proto__') return null;
  const className = (v: number) => m.classes.names[m.classes.classOf[v]];
  const isNodeItself = g.nodeDetachedness?.[target] === DETACHED || g.nodeType[target] === m.ids.nodeNative;
  if (t === m.ids.edgeContext) {
    if (!isNodeItself) return `${name} (${className(target)})`;
    const closures = capturingClosures(m, owner);
    return closures.length > 0 ? closures.map((c) => `${c} (captures ${name})`).join(', ') : `captured variable ${name}`;
  }
  return isNodeItself ? `${className(owner)}.${name}` : `${className(owner)}.${name} (${className(target)})`;
}

/** Closures whose context is `context` (named as `(closure) name`). */
function capturingClosures(m: HeapModel, context: number): string[] {
  const g = m.graph;
  const names: string[] = [];
  for (const e of retainerEdges(g, m.retainers, context)) {
    const owner = edgeOwner(g.firstEdge, e);
    if (g.nodeType[owner] === m.ids.nodeClosure && g.strings.get(g.edgeNameOrIndex[e]) === 'context') names.push(`(closure) ${g.strings.get(g.nodeName[owner]) || '(anonymous)'}`);
  }
  return [...new Set(names)];
}

/** The named reference nearest to the node on its retainer path. */
function pathHolder(m: HeapModel, nodes: readonly number[], edges: readonly number[]): string {
  for (let i = edges.length - 1; i >= 0; i--) {
    const holder = holderOfEdge(m, edges[i], nodes[i + 1]);
    if (holder) return holder;
  }
  return 'native or internal references';
}

/**
 * Every JavaScript reference that keeps `node` alive: breadth-first up the retaining edges through
 * anonymous links (array elements, a Map's table, native listener lists) until a named reference,
 * never through other detached nodes (a subtree's own parent and sibling links).
 */
function jsHolders(m: HeapModel, node: NodeIndex, detached: Uint8Array): string[] {
  const g = m.graph;
  const { firstRetainer, retainerNode } = m.retainers;
  const holders = new Set<string>();
  const seen = new Set<number>([node]);
  const queue: number[] = [node];
  for (let head = 0; head < queue.length && seen.size < MAX_HOLDER_SEARCH; head++) {
    const v = queue[head];
    const edges = retainerEdges(g, m.retainers, v);
    for (let s = firstRetainer[v]; s < firstRetainer[v + 1]; s++) {
      const owner = retainerNode[s];
      // Negative: the edge does not retain (weak).
      if (owner < 0 || owner === g.rootIndex || g.nodeType[owner] === m.ids.nodeSynthetic || detached[owner]) continue;
      const holder = holderOfEdge(m, edges[s - firstRetainer[v]], v);
      if (holder) holders.add(holder);
      else if (!seen.has(owner)) {
        seen.add(owner);
        queue.push(owner);
      }
    }
  }
  return [...holders];
}
