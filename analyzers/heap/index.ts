import type { Capability, InputFormat } from '../ingest/capability';
import { buildHeapModel, type HeapModel } from './heapModel';
import { readHeapSnapshot } from './readHeapSnapshot';
import type { HeapView } from './view';

/** `{"snapshot":{"meta":` with any JSON whitespace around the tokens, as V8 and DevTools write it. */
const SNAPSHOT_HEAD = /^\uFEFF?\s*\{\s*"snapshot"\s*:\s*\{\s*"meta"\s*:/;

export const heapSnapshotFormat: InputFormat<HeapModel> = {
  id: 'v8-heapsnapshot',
  label: 'V8 heap snapshot (.heapsnapshot / .heaptimeline, optionally gzipped)',
  sniff: (head) => SNAPSHOT_HEAD.test(head),
  async load(source, ctx) {
    const graph = await readHeapSnapshot(source, ctx);
    const model = buildHeapModel(graph, ctx);
    const notices = [];
    if (model.dominators.unreachableCount > 0) {
      notices.push({
        message: `${model.dominators.unreachableCount} objects are not reachable from the GC roots (garbage not yet collected); they are counted under the root, as DevTools does`,
      });
    }
    return { artifact: model, complete: true, notices };
  },
};

export const heapCapability: Capability<HeapModel, HeapView> = {
  id: 'heap',
  formats: [heapSnapshotFormat],
  analyze: (inputs) => ({ findings: [], view: { snapshots: inputs.map((i) => i.artifact.summary) } }),
};
