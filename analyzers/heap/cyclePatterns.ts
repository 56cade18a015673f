import type { CancelTicks } from '../core/cancelPoint';
import { dataEdge, isHolderClass, searchCycles, type CycleComponents, type CycleSearchInput } from './cycleSearch';

/**
 * `closure-self-capture`: an object holds a closure whose context captures that same object
 * (`this.onLevelUp = () => { this.level++ }`, the JS twin of a C++ lambda capturing its own
 * shared_ptr). `same-class-mutual`: instances of one class reference each other through a property,
 * directly or through an Array/Map/Set (friends lists).
 */
export type CyclePatternKind = 'closure-self-capture' | 'same-class-mutual';

/**
 * One occurrence of a pattern: `holder` reaches `other` (itself for a closure) over `edges`; `viaKey`
 * stands for the names of the edges that close the cycle (string indexes), so that equal keys are equal words.
 */
export type NotePattern = (kind: CyclePatternKind, holder: number, viaKey: number, other: number, edges: number[]) => void;

/**
 * Every occurrence of the suspicious patterns among the objects searched, in a fixed order (the
 * examples and groups depend on it). Arrays only, so that it runs on the cycle thread as well as here.
 * The async loop only pauses; each object's pass is a plain function of its own (`patternPasses`):
 * one async function holding both passes, with `note` inlined at its six calls, took V8 0.1–0.5 s
 * to optimize, several times a set (on the analysis and the cycle thread, again after each deopt).
 */
export async function forEachCyclePattern(s: CycleSearchInput, found: CycleComponents, note: NotePattern, ticks?: CancelTicks): Promise<void> {
  const { closureSelfCapture, sameClassMutual } = patternPasses(s, found, note);
  // Only the objects searched can be in a cycle: the passes go over them, not the whole graph.
  for (const c of found.members) {
    if (ticks?.due()) await ticks.pause();
    closureSelfCapture(c);
  }
  for (const a of found.members) {
    if (ticks?.due()) await ticks.pause();
    sameClassMutual(a);
  }
}

function patternPasses(s: CycleSearchInput, found: CycleComponents, note: NotePattern) {
  const { nodeType, firstEdge, edgeType, edgeNameOrIndex, edgeToNode, classOf, classContainer, contextName, stringCount } = s;
  const { closure, object } = s.nodeIds;
  const { property, internal, context } = s.edgeIds;
  const { component, size } = found;
  const follow = dataEdge(s);
  const inCycle = (v: number) => component[v] >= 0 && size[component[v]] >= 2;
  const closureSelfCapture = (c: number): void => {
    if (nodeType[c] !== closure || !inCycle(c)) return;
    for (let e = firstEdge[c]; e < firstEdge[c + 1]; e++) {
      if (edgeType[e] !== internal || edgeNameOrIndex[e] !== contextName) continue;
      const ctx = edgeToNode[e];
      for (let ce = firstEdge[ctx]; ce < firstEdge[ctx + 1]; ce++) {
        if (edgeType[ce] !== context) continue;
        const owner = edgeToNode[ce];
        if (nodeType[owner] !== object || !isHolderClass(s, classOf[owner]) || component[owner] !== component[c]) continue;
        for (let oe = firstEdge[owner]; oe < firstEdge[owner + 1]; oe++) {
          if (edgeToNode[oe] !== c || edgeType[oe] !== property) continue;
          note('closure-self-capture', owner, edgeNameOrIndex[oe] * stringCount + edgeNameOrIndex[ce], owner, [oe, e, ce]);
        }
      }
    }
  };
  const sameClassMutual = (a: number): void => {
    // Holders are the program's own classes (cycleScope), never a collection or the runtime's.
    if (!isHolderClass(s, classOf[a]) || nodeType[a] !== object || !inCycle(a)) return;
    const cls = classOf[a];
    const comp = component[a];
    for (let e = firstEdge[a]; e < firstEdge[a + 1]; e++) {
      if (edgeType[e] !== property || !follow(e)) continue;
      // A property edge: its name alone decides its label.
      const viaKey = edgeNameOrIndex[e];
      const x = edgeToNode[e];
      if (component[x] !== comp) continue;
      if (classOf[x] === cls) {
        if (x !== a) note('same-class-mutual', a, viaKey, x, [e]);
        continue;
      }
      if (!classContainer[classOf[x]]) continue;
      // Through a collection: Array → element, Map/Set → table → entry (two hops at most).
      for (let e2 = firstEdge[x]; e2 < firstEdge[x + 1]; e2++) {
        const y = edgeToNode[e2];
        if (component[y] !== comp || !follow(e2)) continue;
        if (classOf[y] === cls) {
          if (y !== a) note('same-class-mutual', a, viaKey, y, [e, e2]);
          continue;
        }
        if (!classContainer[classOf[y]]) continue;
        for (let e3 = firstEdge[y]; e3 < firstEdge[y + 1]; e3++) {
          const z = edgeToNode[e3];
          if (z !== a && classOf[z] === cls && component[z] === comp && follow(e3)) note('same-class-mutual', a, viaKey, z, [e, e2, e3]);
        }
      }
    }
  };
  return { closureSelfCapture, sameClassMutual };
}

/** The objects of one (kind, holder class, `viaKey`) pattern in an earlier snapshot, counted for the growth. */
export interface CountedPattern {
  kind: CyclePatternKind;
  cls: number;
  viaKey: number;
  /** One occurrence's edges: the words of the key come from them. */
  edges: number[];
  /** The objects taking part (each once; all of class `cls`). */
  objects: Uint32Array;
}

export interface CycleSearchResult extends CycleComponents {
  /** Asked for an earlier snapshot: its patterns, counted where the search ran. */
  counted?: CountedPattern[];
}

/**
 * The search (cycleSearch) and, for an earlier snapshot (`count`), its patterns' objects: the whole
 * work of an earlier snapshot's cycles but the words, so that the cycle thread does it while the
 * analysis thread runs the other analyses.
 */
export async function searchAndCount(s: CycleSearchInput, count: boolean, ticks?: CancelTicks): Promise<CycleSearchResult> {
  const found = await searchCycles(s, ticks);
  if (!count) return found;
  const seen = { 'closure-self-capture': new Map<number, Map<number, Set<number>>>(), 'same-class-mutual': new Map<number, Map<number, Set<number>>>() };
  const patterns: (Omit<CountedPattern, 'objects'> & { objects: Set<number> })[] = [];
  await forEachCyclePattern(
    s,
    found,
    (kind, holder, viaKey, other, edges) => {
      const cls = s.classOf[holder];
      let byVia = seen[kind].get(cls);
      if (!byVia) seen[kind].set(cls, (byVia = new Map<number, Set<number>>()));
      let objects = byVia.get(viaKey);
      if (!objects) {
        byVia.set(viaKey, (objects = new Set()));
        patterns.push({ kind, cls, viaKey, edges, objects });
      }
      objects.add(holder);
      objects.add(other);
    },
    ticks,
  );
  const counted = patterns.map((p) => ({ ...p, objects: Uint32Array.from(p.objects) }));
  return { ...found, counted };
}
