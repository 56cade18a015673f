import type { ParsedSnapshot } from './heapModel';
import { edgeHasIndexName } from './heapGraph';

const MAX_STRING_LABEL = 40;

/** How a node reads in a path or a finding: `Player @1234`, `(closure) onLevelUp @77`, `"abc…" @9`. */
export function nodeLabel(m: ParsedSnapshot, node: number): string {
  const g = m.graph;
  const type = g.nodeTypes[g.nodeType[node]];
  const id = g.nodeId[node];
  const name = g.strings.get(g.nodeName[node]);
  if (node === g.rootIndex) return '(root)';
  if (type === 'object' || type === 'native') return `${name} @${id}`;
  if (type === 'synthetic') return name;
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
    const shown = name.length > MAX_STRING_LABEL ? `${name.slice(0, MAX_STRING_LABEL)}…` : name;
    return `${JSON.stringify(shown)} @${id}`;
  }
  return `${m.classes.names[m.classes.classOf[node]]}${name ? ` ${name}` : ''} @${id}`;
}

/** How an edge reads: `.players`, `[3]`, `context.player` (a captured variable), `→context` (internal). */
export function edgeLabel(m: ParsedSnapshot, edge: number): string {
  const g = m.graph;
  const t = g.edgeType[edge];
  const raw = g.edgeNameOrIndex[edge];
  if (edgeHasIndexName(m.ids, t)) return `[${raw}]`;
  const name = g.strings.get(raw);
  switch (g.edgeTypes[t]) {
    case 'property':
      return `.${name}`;
    case 'context':
      return `context.${name}`;
    case 'weak':
      return `(weak) ${name}`;
    default:
      return `(${g.edgeTypes[t]}) ${name}`;
  }
}

/** The node that owns edge `e` (binary search over first-edge offsets). */
export function edgeOwner(firstEdge: Uint32Array, e: number): number {
  let lo = 0;
  let hi = firstEdge.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (firstEdge[mid] <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
