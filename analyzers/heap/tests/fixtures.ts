import { expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LoadedInput } from '../../ingest/capability';
import { quietContext } from '../../ingest/tests/loadForTest';
import { openFileSource } from '../../ingest/fileSource';
import type { HeapSnapshotData } from '../heapGraph';
import { buildHeapModel, type HeapModel } from '../heapModel';
import { heapSnapshotFormat, type HeapSnapshot } from '../index';
import { SnapshotStreamParser } from '../snapshotStreamParser';
import { readHeapSnapshot } from '../readHeapSnapshot';
import { GraphIndexThread } from '../graphIndexes';
import type { ThreadScript } from '../../core/helperThreads';

export const SAMPLES = join(__dirname, '../../../samples/heap');
export const SAMPLE_NAMES = ['game-1-baseline.heapsnapshot.gz', 'game-2-target.heapsnapshot.gz', 'game-3-final.heapsnapshot.gz'] as const;
export const samplePath = (name: string) => join(SAMPLES, name);
export const sampleText = (name: string) => gunzipSync(readFileSync(samplePath(name))).toString('utf8');

/** The scale the committed samples were written at, read from the command that wrote them (generate.sh). */
export function sampleScale(): { sessionsPerPhase: number; residents: number } {
  const m = /game_server\.mjs (\d+) /.exec(readFileSync(join(SAMPLES, 'generate.sh'), 'utf8'));
  if (!m) throw new Error('generate.sh does not name the scale');
  const sessionsPerPhase = Number(m[1]);
  // game_server.mjs's default: a third of the sessions per phase stay online.
  return { sessionsPerPhase, residents: Math.max(10, Math.floor(sessionsPerPhase / 3)) };
}

export { quietContext, tempFile } from '../../ingest/tests/loadForTest';

const loaded = new Map<string, Promise<LoadedInput<HeapSnapshot>>>();

/**
 * Loads a file the way the app does (open, sniff, stream); samples are loaded once per test file.
 * Loaded as the case's only snapshot (indexed at load), or as one of `siblings + 1` (parsed only).
 */
export function loadFile(path: string, siblings = 0): Promise<LoadedInput<HeapSnapshot>> {
  const key = `${siblings} ${path}`;
  let p = loaded.get(key);
  if (!p) {
    p = (async () => {
      const source = await openFileSource(path);
      if (!heapSnapshotFormat.sniff(source.head)) throw new Error(`${path} is not detected as a heap snapshot`);
      // Read one at a time: the last is left to the analysis to index.
      const result = await heapSnapshotFormat.load(source, { ...quietContext(), ...(siblings > 0 ? { siblings: { count: siblings, readAtOnce: 1 } } : {}) });
      return { ...result, file: source.name, formatId: heapSnapshotFormat.id };
    })();
    loaded.set(key, p);
  }
  return p;
}

export const loadSample = (name: string) => loadFile(samplePath(name));

/** The indexed model of a file loaded as the case's only snapshot. */
export async function fileModel(path: string): Promise<HeapModel> {
  const { artifact } = await loadFile(path);
  if (!artifact.model) throw new Error(`${path} was not indexed as it loaded`);
  return artifact.model;
}

export const sampleModel = (name: string) => fileModel(samplePath(name));

/** Feeds text to the parser in chunks of the given sizes (cycled), so tokens straddle chunk boundaries. */
export function parseText(text: string | Buffer, chunkSizes: readonly number[] = [1 << 20], file = 'test.heapsnapshot'): HeapSnapshotData {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const parser = new SnapshotStreamParser(file);
  for (let pos = 0, i = 0; pos < bytes.length; i++) {
    const size = chunkSizes[i % chunkSizes.length];
    parser.push(bytes.subarray(pos, pos + size));
    pos += size;
  }
  return parser.finish();
}

export const modelOf = (text: string) => buildHeapModel(parseText(text));


/** A hand-built heap: node 0 is the root; `to` is a node index. */
export interface HandNode {
  type: string;
  name: string;
  id?: number;
  size?: number;
  edges?: { type: string; name: string | number; to: number }[];
}

export const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape', 'wasm object'];
export const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
const EDGE_FIELDS = ['type', 'name_or_index', 'to_node'];

/**
 * Writes a snapshot the way V8 (Node 20) lays it out: the same meta, one node or edge per line,
 * strings last. `extraStringLiterals` (JSON source text, quotes included) are appended to the
 * string table as written, so tests control the exact escapes.
 */
export function snapshotText(nodes: readonly HandNode[], extraStringLiterals: readonly string[] = []): string {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const nodeLines: string[] = [];
  const edgeLines: string[] = [];
  nodes.forEach((n, i) => {
    const edges = n.edges ?? [];
    nodeLines.push([NODE_TYPES.indexOf(n.type), str(n.name), n.id ?? 1 + 2 * i, n.size ?? 0, edges.length, 0, 0].join(','));
    for (const e of edges) {
      const name = e.type === 'element' || e.type === 'hidden' ? Number(e.name) : str(String(e.name));
      edgeLines.push([EDGE_TYPES.indexOf(e.type), name, e.to * NODE_FIELDS.length].join(','));
    }
  });
  const meta = { node_fields: NODE_FIELDS, node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number', 'number'], edge_fields: EDGE_FIELDS, edge_types: [EDGE_TYPES, 'string_or_number', 'node'] };
  return (
    `{"snapshot":{"meta":${JSON.stringify(meta)},"node_count":${nodes.length},"edge_count":${edgeLines.length},"trace_function_count":0},\n` +
    `"nodes":[${nodeLines.join('\n,')}],\n"edges":[${edgeLines.join('\n,')}],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[],\n` +
    `"strings":[${[...strings.map((s) => JSON.stringify(s)), ...extraStringLiterals].join(',\n')}]}\n`
  );
}

export const parseSample = async (name: string) => readHeapSnapshot(await openFileSource(samplePath(name)), quietContext());

/**
 * What a helper thread delivers, in order: the immediate dominators, the retainers before them and
 * the distances after them when it got to them before the calling thread.
 */
export const THREAD_DELIVERIES = [
  ['dominators'],
  ['dominators', 'distances'],
  ['retainers', 'dominators'],
  ['retainers', 'dominators', 'distances'],
];

/**
 * The model built with the given helper-thread script (undefined: inline), what the thread delivered
 * and why it failed, if it did. `beforeHandOver` runs between the thread's start and the hand-over.
 */
export async function buildOnThread(graph: HeapSnapshotData, script: ThreadScript | undefined, beforeHandOver?: (thread: GraphIndexThread) => Promise<void>) {
  const thread = GraphIndexThread.start(script);
  try {
    await beforeHandOver?.(thread);
    const model = await buildHeapModel(graph, { indexes: (g) => thread.index(g) });
    return { model, delivered: thread.delivered, failure: thread.failure };
  } finally {
    thread.close();
  }
}

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Byte for byte: the indexes, the dominators and the summary. */
export function expectSameModel(actual: HeapModel, expected: HeapModel): void {
  const arrays = (m: HeapModel) => [m.retainers.firstRetainer, m.retainers.retainerNode, m.distances.distance, m.distances.parentEdge, m.dominators.idom, m.dominators.retainedSize];
  const want = arrays(expected);
  arrays(actual).forEach((a, i) => expect(bytesOf(a).equals(bytesOf(want[i]))).toBe(true));
  expect(actual.summary).toEqual(expected.summary);
}

/** The TypeScript game server (samples/heap/ts_game_server): its tsc output in `js/`, with source maps. */
export const TS_GAME = join(SAMPLES, 'ts_game_server');

/**
 * Records the TypeScript game server's snapshots into a temporary folder with the command its
 * `record.sh` runs (the snapshots are a few MB each: recorded per test run, not committed).
 * `script` is a compiled server (default: the committed tsc output); `nodeFlags` go before it.
 */
export function recordTsGameServer(phases: number, playersPerPhase: number, script = join(TS_GAME, 'js/server.js'), nodeFlags: string[] = []): string[] {
  const out = mkdtempSync(join(tmpdir(), 'aftermath-ts-game-'));
  execFileSync(process.execPath, ['--expose-gc', ...nodeFlags, script, String(phases), String(playersPerPhase), out], { env: { PATH: '/usr/bin:/bin' }, stdio: 'pipe' });
  return Array.from({ length: phases }, (_, i) => join(out, `phase-${i + 1}.heapsnapshot`));
}
