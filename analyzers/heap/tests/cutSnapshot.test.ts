import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/inputError';
import { groupDigits } from '../../core/numberFormat';
import { openFileSource } from '../../ingest/fileSource';
import { runCase } from '../../pipeline/runCase';
import { heapSnapshotFormat } from '../index';
import { LOST_NAME } from '../stringTable';
import { loadSample, quietContext, samplePath, SAMPLE_NAMES, sampleText, tempFile } from './fixtures';

// The last snapshot of the game server (samples/heap/generate.sh), cut where a copy or a dump stops.
const LAST = SAMPLE_NAMES[2];
const FULL = Buffer.from(sampleText(LAST), 'utf8');
const at = (needle: string, past: number) => FULL.indexOf(needle) + past;

async function load(content: Buffer, name: string) {
  const source = await openFileSource(tempFile(name, content));
  return heapSnapshotFormat.load(source, quietContext());
}

async function refusal(content: Buffer, name: string): Promise<InputError> {
  const e = await load(content, name).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof InputError)) throw new Error(`${name}: expected an InputError, got ${String(e)}`);
  return e;
}

describe('a heap snapshot cut short yields what it holds, marked incomplete', () => {
  it('cut inside the nodes: refused, naming the file and where it ends (no edges, no names: no graph)', async () => {
    const cut = at('"nodes"', 200_000);
    const e = await refusal(FULL.subarray(0, cut), 'cut-nodes.heapsnapshot');
    expect(e.file).toBe('cut-nodes.heapsnapshot');
    // A plain file's size is known up front: the header's counts cannot fit, so it is refused at once.
    // Its counts and size are grouped in thousands, as every other number Aftermath prints.
    expect(e.reason).toMatch(/^snapshot says \d{1,3}(?:,\d{3})+ nodes and \d{1,3}(?:,\d{3})+ edges, which cannot fit in a \d{1,3}(?:,\d{3})+-byte file: it is cut short/);
  });

  it('cut inside the nodes of a gzip file: refused with the nodes it holds and the byte it ends at', async () => {
    const cut = at('"nodes"', 200_000);
    const e = await refusal(gzipSync(FULL.subarray(0, cut)), 'cut-nodes.heapsnapshot.gz');
    expect(e.reason).toMatch(/ends early, inside the "nodes" section \(truncated file\?\): it holds \d{1,3}(?:,\d{3})+ of \d{1,3}(?:,\d{3})+ nodes and no names/);
    expect(e.where).toEqual({ section: 'nodes', byteOffset: cut });
    expect(e.message).toMatch(/\(section nodes, byte offset \d{1,3}(?:,\d{3})+\)$/);
  });

  it('cut inside the edges: refused, since a graph with references missing would give wrong retained sizes', async () => {
    const cut = at('"edges"', 1_600_000);
    const e = await refusal(FULL.subarray(0, cut), 'cut-edges.heapsnapshot');
    expect(e.reason).toMatch(/inside the "edges" section .*all [\d,]+ nodes, [\d,]+ of [\d,]+ edges and no names.*not analysed/);
    expect(e.where).toEqual({ section: 'edges', byteOffset: cut });
  });

  it('cut inside the strings: the whole graph with the sizes of the full file, the lost names marked, incomplete', async () => {
    const full = await loadSample(LAST);
    const cut = at('"strings"', 100_000);
    const partial = await load(FULL.subarray(0, cut), 'cut-strings.heapsnapshot');
    expect(partial.complete).toBe(false);
    const g = partial.artifact.parsed.graph;
    expect(g.truncation).toMatchObject({ section: 'strings', inside: true, byteOffset: cut });
    expect(g.truncation!.namesLost).toBeGreaterThan(0);
    expect(g.nodeCount).toBe(full.artifact.parsed.graph.nodeCount);
    expect(g.edgeCount).toBe(full.artifact.parsed.graph.edgeCount);
    // The graph is whole: retained sizes are those of the complete file.
    expect(Buffer.from(partial.artifact.model!.dominators.retainedSize.buffer).equals(Buffer.from(full.artifact.model!.dominators.retainedSize.buffer))).toBe(true);
    expect(partial.artifact.parsed.summary.totalBytes).toBe(full.artifact.parsed.summary.totalBytes);
    // The names read are the file's own; the rest read as lost, never as another class.
    expect(g.strings.toArray().slice(0, g.truncation!.namesRead)).toEqual(full.artifact.parsed.graph.strings.toArray().slice(0, g.truncation!.namesRead));
    expect(g.strings.toArray().slice(g.truncation!.namesRead).every((s) => s === LOST_NAME)).toBe(true);
    expect(partial.artifact.parsed.summary.constructors.some((c) => c.name === LOST_NAME)).toBe(true);
    expect(partial.artifact.parsed.summary).toMatchObject({ complete: false, namesLost: g.truncation!.namesLost });
    expect(partial.notices.map((n) => n.message).join('\n')).toMatch(new RegExp(`stops at byte ${groupDigits(cut)}, inside the "strings" section: its nodes and edges are whole`));
    expect(g.allocationTrace).toBeNull();
  });

  it('cut between the edges and the strings: every name lost, the graph whole', async () => {
    const cut = at('"locations"', 20);
    const partial = await load(FULL.subarray(0, cut), 'cut-locations.heapsnapshot');
    expect(partial.complete).toBe(false);
    expect(partial.artifact.parsed.graph.truncation).toMatchObject({ section: 'locations', namesRead: 0 });
    expect(partial.artifact.parsed.summary.constructors.every((c) => c.name === LOST_NAME || c.name.startsWith('('))).toBe(true);
  });

  it('only the closing brace missing: nothing is lost, but the file is still said to be cut', async () => {
    const end = FULL.lastIndexOf(']') + 1;
    const partial = await load(FULL.subarray(0, end), 'no-brace.heapsnapshot');
    expect(partial.complete).toBe(false);
    expect(partial.artifact.parsed.graph.truncation).toMatchObject({ section: 'strings', inside: false, namesLost: 0 });
    expect(partial.notices.map((n) => n.message).join('\n')).toMatch(/after the "strings" section: .* no name is lost/);
  });

  it('cut inside the strings with a damaged name index: refused naming the node, not billions of lost names', async () => {
    const nodes = at('"nodes":[', '"nodes":['.length);
    // The first node's record is type,name,…: its name becomes an index no string table has.
    const nameAt = FULL.indexOf(',', nodes) + 1;
    const nameEnd = FULL.indexOf(',', nameAt);
    const damaged = Buffer.concat([FULL.subarray(0, nameAt), Buffer.from('4000000000'), FULL.subarray(nameEnd, at('"strings"', 100_000))]);
    const e = await refusal(damaged, 'cut-damaged-name.heapsnapshot');
    expect(e.file).toBe('cut-damaged-name.heapsnapshot');
    expect(e.reason).toMatch(/^node 0 \(id \d+\) names string 4000000000 but there are \d{1,3}(?:,\d{3})+ strings/);
  });

  it('a gzip stream cut inside the strings: the case says where, the findings from it say so, the others not', async () => {
    // The real compressed file cut short, as an interrupted copy leaves it.
    const gz = readFileSync(samplePath(LAST));
    const cutGz = tempFile(`cut-${LAST}`, gz.subarray(0, Math.floor(gz.length * 0.97)));
    const result = await runCase([samplePath(SAMPLE_NAMES[0]), samplePath(SAMPLE_NAMES[1]), cutGz], { onProgress: () => {}, signal: new AbortController().signal });
    expect(result.failures).toEqual([]);
    const input = result.inputs.find((i) => i.file === `cut-${LAST}`)!;
    expect(input.complete).toBe(false);
    const notices = input.notices.map((n) => n.message).join('\n');
    expect(notices).toMatch(/the gzip stream breaks off at byte \d+/);
    expect(notices).toMatch(/the snapshot stops at byte [\d,]+ of its decompressed content, inside the "strings" section/);
    expect(result.findings.length).toBeGreaterThan(0);
    for (const f of result.findings) {
      const fromCut = f.sources.includes(`cut-${LAST}`);
      expect(f.detail.includes('Computed from a snapshot cut short')).toBe(fromCut);
      // The heap said more than the case-wide mark would: said once, not twice.
      expect(f.detail).not.toContain('Computed from incomplete input');
      expect(f.evidence.filter((e) => e.label === 'Partial input')).toHaveLength(fromCut ? 1 : 0);
    }
    expect(result.findings.some((f) => f.sources.includes(`cut-${LAST}`))).toBe(true);
  });
});
