import { untilCancelled } from '../core/cancelPoint';
import { CancelledError, InputError } from '../core/inputError';
import { fileIdentity, openFileSource, type FileSource } from '../ingest/fileSource';
import { detectEncoding } from '../ingest/textEncoding';
import type { LoadContext } from '../ingest/capability';
import type { GraphTopology, HeapSnapshotData, NodeIdColumns } from './heapGraph';
import { SnapshotStreamParser, type ParsedEdges, type ShapeBeforeEdges, type SnapshotNodes } from './snapshotStreamParser';

/** The `edges` section as another reader parses it at the same time (`GraphIndexThread.parseEdges`). */
export interface EdgesElsewhere {
  /** Its columns, or null when it could not read them. */
  edges: Promise<ParsedEdges | null>;
  /** Told as soon as this read is through the file while the edges are still awaited, before the work of `onNodes`. */
  nodesRead(shape: ShapeBeforeEdges): void;
}

/** What a read tells as it goes, and the edges when another reader parses them (all optional). */
export interface ReadHooks {
  /** Work that can start before the file is read to the end: see SnapshotStreamParser. */
  onTopology?: (topology: GraphTopology) => void;
  /**
   * The `edges` section as another reader parses it at the same time (a helper thread,
   * `GraphIndexThread.parseEdges`), or null when it could not; this read then only looks for the
   * section's end, and parses it itself only when the other reader failed. Errors are those of a read
   * here alone, in the same order: one in the edges comes before one after them; the other reader is
   * told the nodes as soon as the file is read here, so that it can start on the graph without waiting
   * for this thread to take its columns.
   */
  elsewhere?: EdgesElsewhere;
  /**
   * While the other reader still reads the edges, the rest of the file, checked, for work that needs
   * no edges: its steps are taken while the edges are awaited, the rest is the caller's to finish.
   */
  onNodes?: (nodes: SnapshotNodes) => { step(): boolean };
  /** The objects' types and ids as soon as the `nodes` section is read (a set's order needs only them). */
  onNodeIds?: (columns: NodeIdColumns) => void;
  /**
   * Asked when the `locations` section is reached: true to leave it in the file
   * (`HeapSnapshotData.locationsInFile`), to be read if the snapshot is ever indexed. A plain UTF-8
   * file's only (a gzipped or re-encoded one's offsets are not the file's): read here otherwise.
   */
  leaveLocations?: () => boolean;
}

/** Streams a (possibly gzipped) snapshot file through the parser, reporting progress by file bytes read. */
export async function readHeapSnapshot(source: FileSource, ctx: LoadContext, { onTopology, elsewhere, onNodes, onNodeIds, leaveLocations }: ReadHooks = {}): Promise<HeapSnapshotData> {
  const { encoding, markBytes } = detectEncoding(source.headBytes);
  // Taken before the read: a file written over while it is read is not the one whose offsets are kept.
  const identity = leaveLocations && !source.gzipped && encoding === 'utf-8' ? await fileIdentity(source.path) : null;
  const parser = new SnapshotStreamParser(source.name, source.gzipped ? undefined : source.sizeBytes, onTopology, elsewhere ? 'elsewhere' : 'here', onNodeIds, identity ? leaveLocations : undefined);
  const edgesElsewhere = elsewhere?.edges;
  void edgesElsewhere?.then((edges) => edges && parser.adoptEdges(edges));
  try {
    await feed(parser, source, ctx, 'whole');
  } catch (e) {
    if (e instanceof InputError && parser.awaitsEdges) await adoptEdges(parser, source, ctx, edgesElsewhere);
    throw e;
  }
  const shape = parser.awaitsEdges ? parser.shapeBeforeEdges() : null;
  if (shape) elsewhere?.nodesRead(shape);
  if (onNodes && parser.awaitsEdges) await whileEdgesAwaited(parser, onNodes);
  if (parser.awaitsEdges) await adoptEdges(parser, source, ctx, edgesElsewhere);
  const data = parser.finish();
  const left = parser.locationsLeft;
  if (left && identity) data.locationsInFile = { ...left, ...identity, path: source.path, markBytes };
  return data;
}

/**
 * Each step only while the edges are still awaited (a turn of the event loop first lets columns that
 * came meanwhile be adopted): the index thread, which starts on them, waits for one step at most.
 * A check that fails here is made again after the edges', so errors keep their order.
 */
async function whileEdgesAwaited(parser: SnapshotStreamParser, onNodes: (nodes: SnapshotNodes) => { step(): boolean }): Promise<void> {
  const awaited = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return parser.awaitsEdges && parser.nodesComplete;
  };
  if (!(await awaited())) return;
  let nodes;
  try {
    nodes = parser.finishNodes();
  } catch (e) {
    if (e instanceof InputError) return;
    throw e;
  }
  if (!(await awaited())) return;
  const steps = onNodes(nodes);
  while (steps.step() && (await awaited()));
}

/** Reads the file up to the end of its `edges` section only (on a helper thread, beside a read of the rest). */
export async function readSnapshotEdges(source: FileSource, ctx: LoadContext): Promise<ParsedEdges> {
  const parser = new SnapshotStreamParser(source.name, source.gzipped ? undefined : source.sizeBytes, undefined, 'only');
  await feed(parser, source, ctx, 'edges');
  return parser.parsedEdges();
}

async function feed(parser: SnapshotStreamParser, source: FileSource, ctx: LoadContext, until: 'whole' | 'edges'): Promise<void> {
  let fileBytes = 0;
  const total = source.sizeBytes;
  try {
    // The parser copies what it keeps of a chunk (numbers, string bytes, the header).
    for await (const chunk of source.chunks((n) => (fileBytes = n), ctx.signal, 'until-next')) {
      if (ctx.signal.aborted) throw new CancelledError();
      parser.push(chunk);
      if (until === 'edges') {
        if (parser.edgesRead) break;
        continue;
      }
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
}

/** The other reader's edges, or, when it failed, the section read here (from a source of its own: `source` keeps this read's damage). */
async function adoptEdges(parser: SnapshotStreamParser, source: FileSource, ctx: LoadContext, edgesElsewhere: Promise<ParsedEdges | null> | undefined): Promise<void> {
  const edges = await untilCancelled(edgesElsewhere ?? Promise.resolve(null), ctx.signal);
  if (edges) parser.adoptEdges(edges);
  if (parser.awaitsEdges) parser.adoptEdges(await readSnapshotEdges(await openFileSource(source.path, source.limits), ctx));
}
