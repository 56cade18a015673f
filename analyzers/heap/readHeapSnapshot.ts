import { CancelledError } from '../core/inputError';
import type { FileSource } from '../ingest/fileSource';
import type { LoadContext } from '../ingest/capability';
import type { GraphTopology, HeapSnapshotData } from './heapGraph';
import { SnapshotStreamParser } from './snapshotStreamParser';

/**
 * Streams a (possibly gzipped) snapshot file through the parser, reporting progress by file bytes
 * read. `onTopology`: see SnapshotStreamParser (work that can start before the file is read to the end).
 */
export async function readHeapSnapshot(source: FileSource, ctx: LoadContext, onTopology?: (topology: GraphTopology) => void): Promise<HeapSnapshotData> {
  const parser = new SnapshotStreamParser(source.name, source.gzipped ? undefined : source.sizeBytes, onTopology);
  let fileBytes = 0;
  const total = source.sizeBytes;
  try {
    for await (const chunk of source.chunks((n) => (fileBytes = n), ctx.signal)) {
      if (ctx.signal.aborted) throw new CancelledError();
      parser.push(chunk);
      ctx.onProgress({
        file: source.name,
        phase: `parsing ${parser.currentSection}`,
        done: fileBytes,
        total,
        percent: total > 0 ? Math.min(100, (fileBytes / total) * 100) : 0,
      });
    }
  } catch (e) {
    if (ctx.signal.aborted) throw new CancelledError();
    throw e;
  }
  if (ctx.signal.aborted) throw new CancelledError();
  return parser.finish();
}
