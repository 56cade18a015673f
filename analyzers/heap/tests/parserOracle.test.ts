import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { edgeHasIndexName } from '../heapGraph';
import { retainerEdges, retainerOwner } from '../retainers';
import { parseText, SAMPLE_NAMES, sampleText, sampleModel } from './fixtures';

/**
 * heapsnapshot-parser (devDependency) is the independent reference: it JSON.parses the whole file
 * and builds one object per node and edge. Every node and edge of the real samples must agree.
 */
interface OracleNode {
  type: string;
  name: string;
  id: number;
  self_size: number;
  edge_count: number;
  references: OracleEdge[];
  referrers: OracleEdge[];
}
interface OracleEdge {
  type: string;
  name_or_index: string | undefined;
  toNodeIndex: number;
  fromNode: OracleNode;
}
interface OracleSnapshot {
  nodes: OracleNode[];
  edges: OracleEdge[];
  nodesById: Record<string, OracleNode>;
}
const oracle = createRequire(__filename)('heapsnapshot-parser') as { parse(text: string): OracleSnapshot };

/** Collects the first few disagreements so a failure shows what differs, not just that something does. */
function mismatches() {
  const found: string[] = [];
  let count = 0;
  return {
    check(ok: boolean, what: () => string) {
      if (ok) return;
      count++;
      if (found.length < 10) found.push(what());
    },
    get summary() {
      return { count, first: found };
    },
  };
}

describe.each(SAMPLE_NAMES)('%s against heapsnapshot-parser', (name) => {
  it('has the same nodes, edges, retainers and ids', async () => {
    const text = sampleText(name);
    const ref = oracle.parse(text);
    const raw = JSON.parse(text) as { edges: number[]; snapshot: { meta: { edge_fields: string[] } } };
    const m = await sampleModel(name);
    const g = m.graph;

    expect(g.nodeCount).toBe(ref.nodes.length);
    expect(g.edgeCount).toBe(ref.edges.length);
    expect(g.nodeCount).toBeGreaterThan(10_000);

    const nodes = mismatches();
    for (let i = 0; i < g.nodeCount; i++) {
      const r = ref.nodes[i];
      const mine = { type: g.nodeTypes[g.nodeType[i]], name: g.strings.get(g.nodeName[i]), id: g.nodeId[i], self_size: g.nodeSelfSize[i], edge_count: g.firstEdge[i + 1] - g.firstEdge[i] };
      const theirs = { type: r.type, name: r.name, id: r.id, self_size: r.self_size, edge_count: r.edge_count };
      nodes.check(JSON.stringify(mine) === JSON.stringify(theirs), () => `node ${i}: ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);
      nodes.check(m.idIndex.lookup(r.id) === i, () => `id ${r.id} looks up ${m.idIndex.lookup(r.id)}, not node ${i}`);
    }
    expect(nodes.summary).toEqual({ count: 0, first: [] });

    const edgeIndex = new Map(ref.edges.map((e, i) => [e, i]));
    const nameField = raw.snapshot.meta.edge_fields.indexOf('name_or_index');
    const fieldCount = raw.snapshot.meta.edge_fields.length;
    const edges = mismatches();
    for (let i = 0; i < g.nodeCount; i++) {
      const r = ref.nodes[i];
      for (let k = 0, e = g.firstEdge[i]; e < g.firstEdge[i + 1]; e++, k++) {
        const re = r.references[k];
        const type = g.edgeTypes[g.edgeType[e]];
        edges.check(edgeIndex.get(re) === e, () => `node ${i}'s edge ${k} is edge ${edgeIndex.get(re)} for the oracle, ${e} here`);
        edges.check(type === re.type, () => `edge ${e}: type ${type} vs ${re.type}`);
        edges.check(g.edgeToNode[e] === re.toNodeIndex, () => `edge ${e}: to ${g.edgeToNode[e]} vs ${re.toNodeIndex}`);
        // The oracle looks every name_or_index up in the strings, element indexes too; compare those with the raw numbers.
        if (edgeHasIndexName(m.ids, g.edgeType[e])) {
          edges.check(g.edgeNameOrIndex[e] === raw.edges[e * fieldCount + nameField], () => `edge ${e}: index ${g.edgeNameOrIndex[e]}`);
        } else edges.check(g.strings.get(g.edgeNameOrIndex[e]) === re.name_or_index, () => `edge ${e}: name ${g.strings.get(g.edgeNameOrIndex[e])} vs ${re.name_or_index}`);
      }
      const { firstRetainer, retainerNode } = m.retainers;
      const mine = retainerEdges(g, m.retainers, i);
      const theirs = r.referrers.map((re) => edgeIndex.get(re));
      edges.check(JSON.stringify(mine) === JSON.stringify(theirs), () => `node ${i}: retainers ${mine.slice(0, 5).join(',')} vs ${theirs.slice(0, 5).join(',')}`);
      for (let s = firstRetainer[i], k = 0; s < firstRetainer[i + 1]; s++, k++) {
        const owner = retainerOwner(retainerNode[s]);
        const re = r.referrers[k];
        edges.check(re?.fromNode === ref.nodes[owner], () => `node ${i}: retainer ${s} is not owned by node ${owner}`);
        const retaining = re?.type !== 'weak' && (re?.type !== 'shortcut' || owner === (g.rootIndex as number));
        edges.check(retaining === retainerNode[s] >= 0, () => `node ${i}: retainer ${s} (${re?.type}) marked ${retaining ? 'non-' : ''}retaining`);
      }
    }
    expect(edges.summary).toEqual({ count: 0, first: [] });
  });
});

describe('the whole-record fast paths for nodes and edges', () => {
  it('give the same arrays as the byte-at-a-time path (chunks too small for them)', () => {
    const text = sampleText(SAMPLE_NAMES[0]);
    const fast = parseText(text);
    const slow = parseText(text, [31]);
    const same = (a: ArrayBufferView | null, b: ArrayBufferView | null) =>
      a !== null && b !== null && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
    expect(slow.nodeCount).toBe(fast.nodeCount);
    expect(slow.edgeCount).toBe(fast.edgeCount);
    for (const key of ['nodeType', 'nodeName', 'nodeId', 'nodeSelfSize', 'nodeDetachedness', 'firstEdge', 'edgeType', 'edgeNameOrIndex', 'edgeToNode'] as const) {
      expect(same(slow[key], fast[key]), key).toBe(true);
    }
  });
});
