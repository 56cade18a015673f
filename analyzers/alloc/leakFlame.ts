import { frameLabel } from '../core/frame';
import { flameTree, type FlameNode, type FlameStack } from '../core/flameGraph';
import type { FrameClassifier } from './frameFolding';
import type { LeakReport } from './model';

/**
 * Leaked bytes by allocation stack: every record's stack from the outermost caller down to the
 * allocator, library frames marked folded, so the icicle reads as heaptrack_gui's "bottom-up"
 * turned over. Labels are the sites table's (`frameLabel`), which is how a click filters it.
 * A heaptrack -d report has none: its differences can be negative, and widths cannot.
 */
export function leakFlameTree(report: LeakReport, classifier: FrameClassifier): FlameNode | undefined {
  if (report.isDiff) return undefined;
  return flameTree(report.records.map(recordStack(classifier)));
}

const recordStack = (classifier: FrameClassifier) => (record: LeakReport['records'][number]): FlameStack => {
  if (record.frames.length === 0) return { path: ['<no stack>'], value: record.bytes };
  const outermostFirst = [...record.frames].reverse();
  return { path: outermostFirst.map(frameLabel), value: record.bytes, folded: outermostFirst.map((f) => classifier.isInternal(f)) };
};
