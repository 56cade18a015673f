import { readFileRange } from '../ingest/fileSource';
import { closureLocations, completeRecords } from './closureLocations';
import type { HeapSnapshotData } from './heapGraph';
import { SnapshotStreamParser } from './snapshotStreamParser';

/**
 * The `locations` section a parse-only load left in the snapshot's file, read into the graph's
 * `closureLocations` (nothing to do when none was left): with the checks of a read in place, from
 * the same file only (`readFileRange`).
 */
export async function readLocationsLeft(graph: HeapSnapshotData): Promise<void> {
  const at = graph.locationsInFile;
  if (!at) return;
  const content = await readFileRange(at.path, graph.file, at, at.markBytes + at.start, at.end - at.start);
  const flat = SnapshotStreamParser.numbersAt(graph.file, 'locations', content, at.start, at.whole, at.sizeHint);
  graph.closureLocations = closureLocations(graph.file, at.fields, at.whole ? flat : completeRecords(flat, at.fields.length), at.nodeFieldCount, graph.nodeCount);
  delete graph.locationsInFile;
}
