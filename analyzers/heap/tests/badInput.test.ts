import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../../core/inputError';
import type { Progress } from '../../core/progress';
import { openFileSource } from '../../ingest/fileSource';
import { buildHeapModel } from '../heapModel';
import { heapSnapshotFormat } from '../index';
import { readHeapSnapshot } from '../readHeapSnapshot';
import { loadFile, parseText, quietContext, samplePath, SAMPLE_NAMES, sampleText, snapshotText, tempFile, type HandNode } from './fixtures';

const GRAPH: HandNode[] = [
  { type: 'synthetic', name: '', edges: [{ type: 'element', name: 1, to: 1 }, { type: 'shortcut', name: 'global', to: 2 }] },
  { type: 'synthetic', name: '(GC roots)', edges: [{ type: 'element', name: 0, to: 2 }] },
  { type: 'object', name: 'Game', size: 32, edges: [{ type: 'property', name: 'players', to: 3 }] },
  { type: 'array', name: '', size: 16, edges: [{ type: 'element', name: 0, to: 4 }] },
  { type: 'object', name: 'Player', size: 48 },
];
const GOOD = snapshotText(GRAPH);

/** Loads text written to a file named `name`, as the app does; returns the InputError it must raise. */
async function loadError(content: string | Buffer, name = 'dump.heapsnapshot'): Promise<InputError> {
  const path = tempFile(name, content);
  try {
    await heapSnapshotFormat.load(await openFileSource(path), quietContext());
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`no InputError for ${name}`);
}

/** Replaces the `nth` line of the `section` array (0-based) and returns the text and the line's byte offset. */
function replaceRecord(section: 'nodes' | 'edges', nth: number, record: number[]): { text: string; at: number } {
  const start = GOOD.indexOf(`"${section}":[`) + section.length + 4;
  const end = GOOD.indexOf(']', start);
  const lines = GOOD.slice(start, end).split('\n,');
  const at = start + lines.slice(0, nth).reduce((sum, l) => sum + l.length + 2, 0);
  lines[nth] = record.join(',');
  return { text: GOOD.slice(0, start) + lines.join('\n,') + GOOD.slice(end), at };
}

describe('bad input is an InputError naming the file, the section and the byte offset', () => {
  it('accepts the unmodified hand-built snapshot', () => {
    expect(parseText(GOOD).nodeCount).toBe(GRAPH.length);
  });

  it('cut before its graph is whole: refused, saying where it ends (cuts after the edges: cutSnapshot.test.ts)', async () => {
    for (const [cut, section] of [
      [GOOD.indexOf('"node_count"'), 'snapshot'],
      [GOOD.indexOf('"nodes"') + 20, 'nodes'],
      [GOOD.indexOf('"edges"') + 15, 'edges'],
    ] as const) {
      const e = await loadError(GOOD.slice(0, cut), 'cut.heapsnapshot');
      expect(e.file).toBe('cut.heapsnapshot');
      expect(e.reason).toMatch(/ends early|truncated/);
      expect(e.where).toEqual({ section, byteOffset: cut });
    }
  });

  it('a gzip file cut inside its edges is refused with the edges it holds', async () => {
    const gz = readFileSync(samplePath(SAMPLE_NAMES[0]));
    const e = await loadError(gz.subarray(0, gz.length >> 1), 'half.heapsnapshot.gz');
    expect(e.file).toBe('half.heapsnapshot.gz');
    expect(e.reason).toMatch(/ends early, inside the "edges" section .*all [\d,]+ nodes, [\d,]+ of [\d,]+ edges and no names/);
    expect(e.where.byteOffset).toBeGreaterThan(0);
  });

  it('not JSON, or JSON that is not a snapshot', async () => {
    const text = await loadError('PK\u0003\u0004 this is a zip file', 'notes.heapsnapshot');
    expect(text.where).toEqual({ section: 'top level', byteOffset: 0 });
    expect(text.reason).toMatch(/not a V8 heap snapshot/);
    const json = await loadError('{"traceEvents": []}');
    expect(json.reason).toMatch(/has no "snapshot" section/);
    expect(heapSnapshotFormat.sniff('{"traceEvents": []}')).toBe(false);
  });

  it('missing meta, missing fields, inconsistent counts in the header', async () => {
    const headerAt = GOOD.indexOf('{"meta"');
    const noMeta = await loadError(GOOD.replace('"meta":', '"metadata":'));
    expect(noMeta.where).toEqual({ section: 'snapshot.meta', byteOffset: headerAt });
    const noId = await loadError(GOOD.replace('"node_fields":["type","name","id"', '"node_fields":["type","name","ident"'));
    expect(noId.reason).toMatch(/node_fields has no "id" field/);
    const noCount = await loadError(GOOD.replace(/"node_count":\d+,/, ''));
    expect(noCount.reason).toMatch(/node_count is missing/);
    expect(noCount.where.section).toBe('snapshot');
    // node_count larger than the nodes array: caught where the nodes array ends.
    const moreNodes = await loadError(GOOD.replace(/"node_count":\d+/, `"node_count":${GRAPH.length + 1}`));
    expect(moreNodes.reason).toMatch(`holds ${GRAPH.length} nodes but snapshot.node_count is ${GRAPH.length + 1}`);
    expect(moreNodes.where).toEqual({ section: 'nodes', byteOffset: GOOD.indexOf(']', GOOD.indexOf('"nodes"')) });
    const fewerNodes = await loadError(GOOD.replace(/"node_count":\d+/, `"node_count":${GRAPH.length - 1}`));
    expect(fewerNodes.reason).toMatch(/more nodes than snapshot.node_count/);
  });

  it("edge_count values that do not add up to the edges array", async () => {
    const { text } = replaceRecord('nodes', 2, [3, 2, 5, 32, 2, 0, 0]);
    const e = await loadError(text);
    expect(e.reason).toMatch(/edge_count values add up to \d+ but snapshot.edge_count is \d+/);
    expect(e.where.section).toBe('nodes');
  });

  it('to_node out of range or not a multiple of the node field count, at the offending number', async () => {
    for (const [toNode, why] of [
      [GRAPH.length * 7, /past the last node/],
      [8, /not a multiple of the node field count 7/],
    ] as const) {
      const { text, at } = replaceRecord('edges', 3, [2, 7, toNode]);
      const e = await loadError(text);
      expect(e.reason).toMatch(why);
      expect(e.where).toEqual({ section: 'edges', byteOffset: at + `2,7,${toNode}`.length });
    }
  });

  it('unknown node and edge type indexes', async () => {
    const node = replaceRecord('nodes', 4, [40, 6, 9, 48, 0, 0, 0]);
    const e1 = await loadError(node.text);
    expect(e1.reason).toMatch(/node 4 has unknown type index 40/);
    expect(e1.where).toEqual({ section: 'nodes', byteOffset: node.at + 2 });
    const edge = replaceRecord('edges', 0, [9, 1, 7]);
    const e2 = await loadError(edge.text);
    expect(e2.reason).toMatch(/edge 0 has unknown type index 9/);
    expect(e2.where).toEqual({ section: 'edges', byteOffset: edge.at + 1 });
  });

  it('a bad record in the middle of a real snapshot (read a whole record at a time there)', async () => {
    const text = sampleText(SAMPLE_NAMES[0]);
    const start = text.indexOf('"nodes":[') + 9;
    let at = start;
    for (let i = 0; i < 1000; i++) at = text.indexOf('\n,', at) + 2;
    const comma = text.indexOf(',', at);
    const bad = `${text.slice(0, at)}99${text.slice(comma)}`;
    const e = await loadError(bad, 'real.heapsnapshot');
    expect(e.reason).toMatch(/^node 1000 has unknown type index 99/);
    expect(e.where).toEqual({ section: 'nodes', byteOffset: at + 2 });
    const edgesAt = text.indexOf('\n,', text.indexOf('"edges":[') + 5000) + 2;
    const edgeLine = text.slice(edgesAt, text.indexOf('\n', edgesAt));
    const [type, name] = edgeLine.split(',');
    const badEdge = `${text.slice(0, edgesAt)}${type},${name},8${text.slice(edgesAt + edgeLine.length)}`;
    const e2 = await loadError(badEdge, 'real.heapsnapshot');
    expect(e2.reason).toMatch(/to_node 8, not a multiple of the node field count 7/);
    expect(e2.where).toEqual({ section: 'edges', byteOffset: edgesAt + `${type},${name},8`.length });
  });

  it('names that point past the string table', async () => {
    const { text } = replaceRecord('nodes', 4, [3, 999, 9, 48, 0, 0, 0]);
    const e = await loadError(text);
    expect(e.reason).toMatch(/node 4 .* names string 999/);
    expect(e.where.section).toBe('nodes');
    const property = replaceRecord('edges', 1, [2, 999, 14]);
    const e2 = await loadError(property.text);
    expect(e2.reason).toMatch(/^edge 1 \(property\) names string 999 but there are \d+ strings/);
    expect(e2.where.section).toBe('edges');
    // An element's name_or_index is an index, not a string.
    const element = replaceRecord('edges', 1, [1, 999, 14]);
    await expect(loadError(element.text)).rejects.toThrow(/no InputError/);
  });

  it('garbage inside the numbers', async () => {
    const { text, at } = replaceRecord('edges', 1, [2, 7, 14]);
    const e = await loadError(text.slice(0, at) + '2,x' + text.slice(at + 3));
    expect(e.where).toEqual({ section: 'edges', byteOffset: at + 2 });
  });
});

describe('gzip, progress and cancellation', () => {
  it('reads .heapsnapshot.gz exactly like the plain file', async () => {
    const plainPath = tempFile('final.heapsnapshot', sampleText(SAMPLE_NAMES[2]));
    const [gz, plain] = await Promise.all([loadFile(samplePath(SAMPLE_NAMES[2])), loadFile(plainPath)]);
    expect(plain.artifact.parsed.graph.nodeCount).toBe(gz.artifact.parsed.graph.nodeCount);
    expect(plain.artifact.parsed.graph.edgeToNode).toEqual(gz.artifact.parsed.graph.edgeToNode);
    expect(plain.artifact.parsed.graph.nodeId).toEqual(gz.artifact.parsed.graph.nodeId);
    expect(plain.artifact.parsed.summary.constructors).toEqual(gz.artifact.parsed.summary.constructors);
    // And a gzipped hand-built file, so gzip is not only tested on one writer's output.
    const small = await loadFile(tempFile('small.heapsnapshot.gz', gzipSync(GOOD)));
    expect(small.artifact.parsed.graph.nodeCount).toBe(GRAPH.length);
  });

  it('reports progress by file bytes, then the model phases, as one percentage over the whole load', async () => {
    const source = await openFileSource(samplePath(SAMPLE_NAMES[0]));
    const events: Progress[] = [];
    const ctx = { onProgress: (p: Progress) => events.push(p), signal: new AbortController().signal };
    await heapSnapshotFormat.load(source, ctx);
    const parsing = events.filter((p) => p.phase.startsWith('parsing'));
    expect(parsing.length).toBeGreaterThan(1);
    expect(parsing.every((p, i) => i === 0 || p.done >= parsing[i - 1].done)).toBe(true);
    // The parse is the first 55 % of the load; the model phases take it to 100 %, never backwards.
    expect(parsing[parsing.length - 1]).toMatchObject({ done: source.sizeBytes, total: source.sizeBytes, percent: 55 });
    expect(events.map((p) => p.phase)).toEqual(expect.arrayContaining(['retainers', 'dominators', 'summary']));
    expect(events.every((p, i) => i === 0 || p.percent >= events[i - 1].percent)).toBe(true);
    expect(events.at(-1)).toMatchObject({ phase: 'summary', percent: 100 });
  });

  it('stops with CancelledError when cancelled while parsing', async () => {
    const source = await openFileSource(samplePath(SAMPLE_NAMES[2]));
    const abort = new AbortController();
    let seen = 0;
    const ctx = {
      onProgress: () => {
        if (++seen === 1) abort.abort();
      },
      signal: abort.signal,
    };
    await expect(readHeapSnapshot(source, ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toBe(1);
  });

  it('stops with CancelledError when cancelled while building the model', async () => {
    const abort = new AbortController();
    const phases: string[] = [];
    const run = () =>
      buildHeapModel(parseText(GOOD), {
        signal: abort.signal,
        onProgress: (p) => {
          phases.push(p.phase);
          if (p.phase === 'dominators') abort.abort();
        },
      });
    await expect(run()).rejects.toBeInstanceOf(CancelledError);
    expect(phases).not.toContain('summary');
  });
});
