import { describe, expect, it } from 'vitest';
import { objectCount } from '../constructorSummary';
import { HeapExplorer } from '../explorer/heapExplorer';
import { typeIds } from '../heapGraph';
import { fileModel, loadSample, samplePath, SAMPLE_NAMES } from './fixtures';

describe("a snapshot's object count", () => {
  it('is its nodes less the synthetic ones, in the summary as in the explorer (the Heap tab and the explorer said 54,656 and 54,621)', async () => {
    const name = SAMPLE_NAMES[SAMPLE_NAMES.length - 1];
    const model = await fileModel(samplePath(name));
    const { nodeSynthetic } = typeIds(model.graph);
    const synthetic = model.graph.nodeType.filter((t) => t === nodeSynthetic).length;
    expect(synthetic).toBeGreaterThan(0);
    expect(objectCount(model.summary)).toBe(model.graph.nodeCount - synthetic);
    const answer = await new HeapExplorer([await loadSample(name)]).answer({ kind: 'classes', snapshot: 0, filter: '' });
    expect(answer.kind === 'classes' && answer.objectCount).toBe(objectCount(model.summary));
  });
});
