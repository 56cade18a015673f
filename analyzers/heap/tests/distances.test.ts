import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_DISTANCE_BASE, UNREACHABLE } from '../distances';
import { asNode, isRetainingEdge } from '../heapGraph';
import type { HeapModel } from '../heapModel';
import { edgeOwner } from '../nodeLabels';
import { formatRetainerPath, retainerSteps, shortestRetainerPath } from '../retainerPaths';
import { modelOf, SAMPLE_NAMES, snapshotText, type HandNode, sampleModel } from './fixtures';

/** A global object (user root) and a system root that reaches one more object only it holds. */
const GRAPH: HandNode[] = [
  /* 0 */ { type: 'synthetic', name: '', edges: [{ type: 'element', name: 1, to: 1 }, { type: 'shortcut', name: 'global', to: 2 }] },
  /* 1 */ { type: 'synthetic', name: '(GC roots)', edges: [{ type: 'element', name: 0, to: 2 }, { type: 'element', name: 1, to: 7 }] },
  /* 2 */ { type: 'object', name: 'global', edges: [{ type: 'property', name: 'server', to: 3 }, { type: 'property', name: 'cache', to: 5 }] },
  /* 3 */ { type: 'object', name: 'Server', edges: [{ type: 'property', name: 'players', to: 4 }] },
  /* 4 */ { type: 'object', name: 'Map', edges: [{ type: 'internal', name: 'table', to: 6 }] },
  /* 5 */ { type: 'object', name: 'Cache', edges: [{ type: 'weak', name: 'entry', to: 8 }, { type: 'shortcut', name: 'alias', to: 6 }] },
  /* 6 */ { type: 'object', name: 'Player', edges: [] },
  /* 7 */ { type: 'object', name: 'CompilationCache', edges: [{ type: 'property', name: 'owner', to: 3 }] },
  /* 8 */ { type: 'object', name: 'OnlyWeak', edges: [] },
];

describe('distances from the roots (breadth-first over retaining edges)', () => {
  let m: HeapModel;
  beforeAll(async () => {
    m = await modelOf(snapshotText(GRAPH));
  });

  it('counts from the user roots first; what only system roots hold gets the system base', () => {
    const d = Array.from(m.distances.distance);
    expect(d).toEqual([0, SYSTEM_DISTANCE_BASE + 1, 1, 2, 3, 2, 4, SYSTEM_DISTANCE_BASE + 2, UNREACHABLE]);
  });

  it('the shortest retainer path reads like DevTools, through the global, not the shortcut', () => {
    const path = shortestRetainerPath(m, asNode(6));
    expect(path && formatRetainerPath(m, path)).toEqual(['global @5', '.server', 'Server @7', '.players', 'Map @9', '(internal) table', 'Player @13']);
    expect(retainerSteps(m, asNode(8))).toEqual(['OnlyWeak @17 (not reachable from the GC roots)']);
  });
});

describe.each(SAMPLE_NAMES)('distances in %s', (name) => {
  it('are consistent with their parent edges and no retaining edge gives a shorter one', async () => {
    const m = await sampleModel(name);
    const g = m.graph;
    const { distance, parentEdge } = m.distances;
    const root = g.rootIndex as number;
    const wrong: string[] = [];
    // A node's BFS distance is its parent's plus one (the root counts as SYSTEM_DISTANCE_BASE for system-only nodes)...
    for (let v = 0; v < g.nodeCount && wrong.length < 5; v++) {
      if (v === root || distance[v] === UNREACHABLE) continue;
      const owner = edgeOwner(g.firstEdge, parentEdge[v]);
      if (g.edgeToNode[parentEdge[v]] !== v) wrong.push(`parent edge of ${v} does not point at it`);
      const base = owner === root ? (distance[v] > SYSTEM_DISTANCE_BASE ? SYSTEM_DISTANCE_BASE : 0) : distance[owner];
      if (distance[v] !== base + 1) wrong.push(`distance(${v}) = ${distance[v]}, parent's is ${base}`);
    }
    // ...and minimal: no retaining edge from a reached node leads to a node farther than one step away.
    let reached = 0;
    for (let v = 0; v < g.nodeCount && wrong.length < 5; v++) {
      if (distance[v] === UNREACHABLE) continue;
      reached++;
      const from = v === root ? 0 : distance[v];
      for (let e = g.firstEdge[v]; e < g.firstEdge[v + 1]; e++) {
        if (!isRetainingEdge(m.ids, g.edgeType[e], v, root)) continue;
        const w = g.edgeToNode[e];
        const viaSystemRoot = v === root && g.nodeType[w] === m.ids.nodeSynthetic;
        if (!viaSystemRoot && distance[w] > from + 1) wrong.push(`edge ${e}: ${v} (${from}) → ${w} (${distance[w]})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(reached).toBe(g.nodeCount - m.dominators.unreachableCount);
  });
});
