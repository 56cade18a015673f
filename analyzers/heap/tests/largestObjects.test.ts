import { beforeAll, describe, expect, it } from 'vitest';
import type { HeapModel } from '../heapModel';
import { largestObjects, type ClassObjects } from '../largestObjects';
import { SAMPLE_NAMES, sampleModel } from './fixtures';

describe('the largest objects of the classes that retain the most (the final game-server snapshot)', () => {
  let m: HeapModel;
  let classes: ClassObjects[];
  beforeAll(async () => {
    m = await sampleModel(SAMPLE_NAMES[2]);
    classes = largestObjects(m, m.summary, undefined, 10, 5);
  });

  it('follows the summary order and keeps each class’s largest objects by retained size, as a full sort finds them', () => {
    expect(classes.map((c) => c.className)).toEqual(m.summary.constructors.slice(0, 10).map((r) => r.name));
    for (const { className, objects } of classes) {
      const c = m.classes.names.indexOf(className);
      const all: number[] = [];
      for (let v = 0; v < m.graph.nodeCount; v++) if (m.classes.classOf[v] === c && m.graph.nodeType[v] !== m.ids.nodeSynthetic) all.push(v);
      all.sort((a, b) => m.dominators.retainedSize[b] - m.dominators.retainedSize[a]);
      expect(objects.map((o) => o.retainedBytes)).toEqual(all.slice(0, 5).map((v) => m.dominators.retainedSize[v]));
      expect(objects.length).toBe(Math.min(5, all.length));
    }
  });

  it('names each object as DevTools does and shows the path from the roots that ends at it', () => {
    const players = classes.find((c) => c.className === 'Player');
    expect(players?.objects.length).toBe(5);
    for (const p of players!.objects) {
      expect(p.label).toBe(`Player @${p.id}`);
      expect(p.retainerPath[p.retainerPath.length - 1]).toBe(p.label);
      expect(p.distance).toBeGreaterThan(0);
      expect(p.systemRootsOnly).toBe(false);
      // Root left out, nodes and edges alternating: a path of d edges reads as 2d - 1 steps.
      if (!p.retainerPath.includes('…')) expect(p.retainerPath.length).toBe(2 * p.distance! - 1);
      expect(p.retainedBytes).toBeGreaterThanOrEqual(p.selfBytes);
    }
  });
});
