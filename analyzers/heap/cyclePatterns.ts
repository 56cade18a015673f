import type { CancelTicks } from '../core/cancelPoint';
import { DataEdges, isHolderClass, searchCycles, type CycleComponents, type CycleSearchInput } from './cycleSearch';

/**
 * `closure-self-capture`: an object holds a closure whose context captures that same object
 * (`this.onLevelUp = () => { this.level++ }`, the JS twin of a C++ lambda capturing its own
 * shared_ptr). `same-class-mutual`: instances of one class reference each other through a property,
 * directly or through an Array/Map/Set (friends lists).
 */
export type CyclePatternKind = 'closure-self-capture' | 'same-class-mutual';

/**
 * Told of each occurrence of a pattern: `holder` reaches `other` (itself for a closure) over `edges`;
 * `viaKey` stands for the names of the edges that close the cycle (string indexes), so that equal
 * keys are equal words. An object with a method rather than a callback: a callback made per search
 * is a new call target for the optimized passes at every snapshot.
 */
export interface PatternNotes {
  note(kind: CyclePatternKind, holder: number, viaKey: number, other: number, edges: number[]): void;
}

/**
 * Every occurrence of the suspicious patterns among the objects searched, in a fixed order (the
 * examples and groups depend on it). Arrays only, so that it runs on the cycle thread as well as here.
 * The async loop only pauses; each object's pass is a method of its own (`PatternPasses`): one async
 * function holding both passes, with the note inlined at its six calls, took V8 0.1–0.5 s to
 * optimize, several times a set (on the analysis and the cycle thread, again after each deopt).
 */
export async function forEachCyclePattern(s: CycleSearchInput, found: CycleComponents, notes: PatternNotes, ticks?: CancelTicks): Promise<void> {
  const passes = new PatternPasses(s, found, notes);
  // Only the objects searched can be in a cycle: the passes go over them, not the whole graph.
  for (const c of found.members) {
    if (ticks?.due()) await ticks.pause();
    passes.closureSelfCapture(c);
  }
  for (const a of found.members) {
    if (ticks?.due()) await ticks.pause();
    passes.sameClassMutual(a);
  }
}

class PatternPasses {
  private readonly edges: DataEdges;

  constructor(
    private readonly s: CycleSearchInput,
    private readonly found: CycleComponents,
    private readonly notes: PatternNotes,
  ) {
    this.edges = new DataEdges(s);
  }

  private inCycle(v: number): boolean {
    const { component, size } = this.found;
    return component[v] >= 0 && size[component[v]] >= 2;
  }

  closureSelfCapture(c: number): void {
    const { s, notes } = this;
    const { nodeType, firstEdge, edgeType, edgeNameOrIndex, edgeToNode, classOf, contextName, stringCount } = s;
    const { component } = this.found;
    if (nodeType[c] !== s.nodeIds.closure || !this.inCycle(c)) return;
    for (let e = firstEdge[c]; e < firstEdge[c + 1]; e++) {
      if (edgeType[e] !== s.edgeIds.internal || edgeNameOrIndex[e] !== contextName) continue;
      const ctx = edgeToNode[e];
      for (let ce = firstEdge[ctx]; ce < firstEdge[ctx + 1]; ce++) {
        if (edgeType[ce] !== s.edgeIds.context) continue;
        const owner = edgeToNode[ce];
        if (nodeType[owner] !== s.nodeIds.object || !isHolderClass(s, classOf[owner]) || component[owner] !== component[c]) continue;
        for (let oe = firstEdge[owner]; oe < firstEdge[owner + 1]; oe++) {
          if (edgeToNode[oe] !== c || edgeType[oe] !== s.edgeIds.property) continue;
          notes.note('closure-self-capture', owner, edgeNameOrIndex[oe] * stringCount + edgeNameOrIndex[ce], owner, [oe, e, ce]);
        }
      }
    }
  }

  sameClassMutual(a: number): void {
    const { s, notes, edges } = this;
    const { nodeType, firstEdge, edgeType, edgeNameOrIndex, edgeToNode, classOf, classContainer } = s;
    const { component } = this.found;
    // Holders are the program's own classes (cycleScope), never a collection or the runtime's.
    if (!isHolderClass(s, classOf[a]) || nodeType[a] !== s.nodeIds.object || !this.inCycle(a)) return;
    const cls = classOf[a];
    const comp = component[a];
    for (let e = firstEdge[a]; e < firstEdge[a + 1]; e++) {
      if (edgeType[e] !== s.edgeIds.property || !edges.follows(e)) continue;
      // A property edge: its name alone decides its label.
      const viaKey = edgeNameOrIndex[e];
      const x = edgeToNode[e];
      if (component[x] !== comp) continue;
      if (classOf[x] === cls) {
        if (x !== a) notes.note('same-class-mutual', a, viaKey, x, [e]);
        continue;
      }
      if (!classContainer[classOf[x]]) continue;
      // Through a collection: Array → element, Map/Set → table → entry (two hops at most).
      for (let e2 = firstEdge[x]; e2 < firstEdge[x + 1]; e2++) {
        const y = edgeToNode[e2];
        if (component[y] !== comp || !edges.follows(e2)) continue;
        if (classOf[y] === cls) {
          if (y !== a) notes.note('same-class-mutual', a, viaKey, y, [e, e2]);
          continue;
        }
        if (!classContainer[classOf[y]]) continue;
        for (let e3 = firstEdge[y]; e3 < firstEdge[y + 1]; e3++) {
          const z = edgeToNode[e3];
          if (z !== a && classOf[z] === cls && component[z] === comp && edges.follows(e3)) notes.note('same-class-mutual', a, viaKey, z, [e, e2, e3]);
        }
      }
    }
  }
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
  const counter = new PatternCounter(s.classOf);
  await forEachCyclePattern(s, found, counter, ticks);
  const counted = counter.patterns.map((p) => ({ ...p, objects: Uint32Array.from(p.objects) }));
  return { ...found, counted };
}

/** `searchAndCount`'s notes: each (kind, holder class, `viaKey`) pattern with the objects taking part. */
class PatternCounter implements PatternNotes {
  readonly patterns: (Omit<CountedPattern, 'objects'> & { objects: Set<number> })[] = [];
  private readonly seen = { 'closure-self-capture': new Map<number, Map<number, Set<number>>>(), 'same-class-mutual': new Map<number, Map<number, Set<number>>>() };

  constructor(private readonly classOf: Uint32Array) {}

  note(kind: CyclePatternKind, holder: number, viaKey: number, other: number, edges: number[]): void {
    const cls = this.classOf[holder];
    let byVia = this.seen[kind].get(cls);
    if (!byVia) this.seen[kind].set(cls, (byVia = new Map<number, Set<number>>()));
    let objects = byVia.get(viaKey);
    if (!objects) {
      byVia.set(viaKey, (objects = new Set()));
      this.patterns.push({ kind, cls, viaKey, edges, objects });
    }
    objects.add(holder);
    objects.add(other);
  }
}
