import { closurePosition } from './closureLocations';
import { edgeHasIndexName } from './heapGraph';
import type { HeapModel } from './heapModel';
import { retainerEdges } from './retainers';
import type { SourceMaps } from './sourceMaps';
import type { CodeLocation } from './viewCodeLocation';

/** Transitions a map may be away from the root map that holds the constructor (V8 keeps trees shallow). */
const MAX_BACK_POINTERS = 64;
const MAPPING_COMMENT = /\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/;

interface ScriptInfo {
  name: string;
  mappingUrl: string | undefined;
}

/**
 * Names the code behind heap objects, offline: a closure's script and position come from the
 * snapshot itself (the `locations` section; closure → `shared` → script → `name`/`source`), an
 * object's from the closure of its constructor (its map, up the transition tree's back pointers,
 * → `constructor`: what DevTools shows as the object's location). Source maps then turn the
 * script's position into the original file's.
 */
export class CodeLocator {
  private readonly scripts = new Map<HeapModel, Map<number, ScriptInfo | null>>();

  constructor(private readonly maps: SourceMaps) {}

  /** The code that created `node` (its constructor), or for a closure its own function. */
  locate(m: HeapModel, node: number): CodeLocation | undefined {
    const g = m.graph;
    const isClosure = g.nodeType[node] === m.ids.nodeClosure;
    const fn = isClosure ? node : constructorOf(m, node);
    if (fn === undefined) return undefined;
    const pos = closurePosition(g.closureLocations, fn);
    const script = this.scriptOf(m, fn);
    if (!pos || !script) return undefined;
    const functionName = g.strings.get(g.nodeName[fn]) || (isClosure ? holdingProperty(m, fn) : undefined) || '(anonymous)';
    const generated = { file: script.name, line: pos.line + 1, column: pos.column + 1 };
    const original = this.maps.original(script.name, script.mappingUrl, pos.line, pos.column);
    const kind = isClosure ? 'closure' : 'constructor';
    return original ? { functionName, kind, file: original.source, line: original.line, column: original.column + 1, generated } : { functionName, kind, ...generated };
  }

  private scriptOf(m: HeapModel, fn: number): ScriptInfo | undefined {
    const shared = edgeTarget(m, fn, 'shared');
    // Node 20 / V8 11 name the edge `script_or_debug_info`; other versions `script`.
    const script = shared === undefined ? undefined : (edgeTarget(m, shared, 'script_or_debug_info') ?? edgeTarget(m, shared, 'script'));
    if (script === undefined) return undefined;
    let known = this.scripts.get(m);
    if (!known) this.scripts.set(m, (known = new Map<number, ScriptInfo | null>()));
    let info = known.get(script);
    if (info === undefined) {
      info = readScript(m, script);
      known.set(script, info);
    }
    return info ?? undefined;
  }
}

function readScript(m: HeapModel, script: number): ScriptInfo | null {
  const g = m.graph;
  const nameNode = edgeTarget(m, script, 'name');
  const name = nameNode !== undefined ? g.strings.get(g.nodeName[nameNode]) : g.strings.get(g.nodeName[script]);
  if (!name || name.startsWith('system / ')) return null;
  const source = edgeTarget(m, script, 'source');
  const fromSource = source !== undefined ? MAPPING_COMMENT.exec(g.strings.get(g.nodeName[source]))?.[1] : undefined;
  return { name, mappingUrl: fromSource ?? mappingUrlField(m, script) };
}

/**
 * The script's `source_mapping_url` field: V8 extracts it from the comment when compiling and the
 * snapshot holds it as an unnamed (hidden) string of the script, even when the source string is cut.
 */
function mappingUrlField(m: HeapModel, script: number): string | undefined {
  const g = m.graph;
  for (let e = g.firstEdge[script]; e < g.firstEdge[script + 1]; e++) {
    const to = g.edgeToNode[e];
    if (g.nodeType[to] !== m.ids.nodeString) continue;
    const named = edgeHasIndexName(m.ids, g.edgeType[e]) ? undefined : g.strings.get(g.edgeNameOrIndex[e]);
    if (named !== undefined && named !== 'source_mapping_url') continue;
    const text = g.strings.get(g.nodeName[to]);
    if (/^data:application\/json|\.map(?:[?#].*)?$/.test(text)) return text;
  }
  return undefined;
}

function constructorOf(m: HeapModel, node: number): number | undefined {
  let map = edgeTarget(m, node, 'map');
  for (let i = 0; map !== undefined && i < MAX_BACK_POINTERS; i++) {
    const ctor = edgeTarget(m, map, 'constructor') ?? edgeTarget(m, map, 'constructor_or_back_pointer');
    if (ctor !== undefined) return m.graph.nodeType[ctor] === m.ids.nodeClosure ? ctor : undefined;
    map = edgeTarget(m, map, 'back_pointer');
  }
  return undefined;
}

/** An anonymous closure reads by the property that holds it (`this.onLevelUp = () => …`). */
function holdingProperty(m: HeapModel, fn: number): string | undefined {
  const g = m.graph;
  for (const e of retainerEdges(g, m.retainers, fn)) {
    if (g.edgeType[e] === m.ids.edgeProperty) return g.strings.get(g.edgeNameOrIndex[e]);
  }
  return undefined;
}

function edgeTarget(m: HeapModel, node: number, name: string): number | undefined {
  const g = m.graph;
  for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
    if (!edgeHasIndexName(m.ids, g.edgeType[e]) && g.strings.equals(g.edgeNameOrIndex[e], name)) return g.edgeToNode[e];
  }
  return undefined;
}
