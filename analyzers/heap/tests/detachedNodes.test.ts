import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detachedNodeFindings } from '../analyses/detachedNodeFindings';
import { detectDetachedNodes } from '../detachedNodes';
import { analyzeHeapSnapshots } from '../index';
import { loadFile, loadSample, modelOf, quietContext, SAMPLE_NAMES, SAMPLES, snapshotText, type HandNode, fileModel } from './fixtures';

const FIXTURE_DIR = join(SAMPLES, 'detached_dom');
const FIXTURE = join(FIXTURE_DIR, 'chat-detached.heapsnapshot.gz');
const PAGE_SCRIPT = readFileSync(join(FIXTURE_DIR, 'chat.js'), 'utf8');

/** The page's own constants (chat.js): how many messages it detached and how many it still shows. */
function pageConstant(name: string): number {
  const m = new RegExp(`const ${name} = (\\d+);`).exec(PAGE_SCRIPT);
  if (!m) throw new Error(`chat.js does not define ${name}`);
  return Number(m[1]);
}
const LEAKED = pageConstant('LEAKED_MESSAGES');
const VISIBLE = pageConstant('VISIBLE_MESSAGES');
const DETACHED = 2;
const ATTACHED = 1;

describe('detached DOM nodes in a real Chromium snapshot (samples/heap/detached_dom)', () => {
  it('reports the archived <li> messages, one per detached subtree, as HTMLLIElement', async () => {
    const m = await fileModel(FIXTURE);
    const report = detectDetachedNodes(m);
    expect(report).not.toBeNull();
    const li = report!.groups.filter((c) => c.elementClass === 'HTMLLIElement');
    expect(li.reduce((s, c) => s + c.count, 0)).toBe(LEAKED);
    expect(li[0].nodeName).toBe('<li class="message">');
    // Each message's <span> and text go with it: they are counted in the subtree, not as groups of their own.
    expect(report!.groups.map((c) => c.elementClass)).toEqual(['HTMLLIElement']);
    expect(li[0].subtreeNodeCount).toBeGreaterThan(LEAKED);
  });

  it('does not report the messages still in the document', async () => {
    const m = await fileModel(FIXTURE);
    const g = m.graph;
    const d = g.nodeDetachedness!;
    const liState = [0, 0, 0];
    for (let v = 0; v < g.nodeCount; v++) if (g.strings.get(g.nodeName[v]).startsWith('<li')) liState[d[v]]++;
    // The snapshot has both kinds (so the check below can fail), and only the detached ones are reported.
    expect(liState[ATTACHED]).toBe(VISIBLE);
    expect(liState[DETACHED]).toBe(LEAKED);
    const report = detectDetachedNodes(m)!;
    const reportedIds = new Set(report.groups.flatMap((c) => c.exampleIds));
    for (let v = 0; v < g.nodeCount; v++) if (d[v] === ATTACHED) expect(reportedIds.has(g.nodeId[v])).toBe(false);
    expect(report.groups.reduce((s, c) => s + c.count, 0)).toBe(LEAKED);
  });

  it('the retained size is the detached subtrees, from the model’s dominators', async () => {
    const m = await fileModel(FIXTURE);
    const g = m.graph;
    let expected = 0;
    let selfOfLi = 0;
    for (let v = 0; v < g.nodeCount; v++) {
      if (g.nodeDetachedness![v] !== DETACHED || !g.strings.get(g.nodeName[v]).startsWith('<li')) continue;
      expected += m.dominators.retainedSize[v];
      selfOfLi += g.nodeSelfSize[v];
    }
    const group = detectDetachedNodes(m)!.groups[0];
    expect(group.retainedBytes).toBe(expected);
    expect(group.retainedBytes).toBeGreaterThan(selfOfLi);
  });

  it('names the JavaScript holders: the messageCache Map on the path, and the listener closure', async () => {
    const m = await fileModel(FIXTURE);
    const group = detectDetachedNodes(m)!.groups[0];
    expect(PAGE_SCRIPT).toContain('const messageCache = new Map()');
    expect(group.holder).toBe('messageCache (Map)');
    expect(group.retainerPath).toContain('context.messageCache');
    expect(group.retainerPath[group.retainerPath.length - 1]).toBe(`<li class="message"> @${group.exampleIds[0]}`);
    expect(PAGE_SCRIPT).toContain('const onArchivedClick = () =>');
    expect(group.holders).toEqual(expect.arrayContaining(['messageCache (Map)', '(closure) onArchivedClick (captures li)']));
  });

  it('becomes one memory-leak finding through the capability', async () => {
    const input = await loadFile(FIXTURE);
    const { findings, view } = await analyzeHeapSnapshots([input], quietContext());
    expect(view.detachedNodes?.groups.length).toBe(1);
    const detached = findings.filter((f) => f.analysis === 'heap.detached-dom');
    expect(detached).toHaveLength(1);
    expect(detached[0].category).toBe('memory-leak');
    expect(detached[0].title).toMatch(new RegExp(`^${LEAKED} detached HTMLLIElement nodes \\(\\d+\\.\\d KiB retained\\) kept by messageCache \\(Map\\)$`));
    expect(detached[0].suggestedFix).toMatch(/removeEventListener/);
    expect(detached[0].suggestedFix).toMatch(/WeakMap/);
  });
});

describe.each(SAMPLE_NAMES)('no DOM in the Node.js sample %s', (name) => {
  it('reports nothing, though Node marks its own native retainers detached', async () => {
    const input = await loadSample(name);
    const g = input.artifact.parsed.graph;
    expect(g.nodeDetachedness?.some((x) => x === DETACHED)).toBe(true);
    expect(detectDetachedNodes(input.artifact.model!)).toBeNull();
    const { findings, view } = await analyzeHeapSnapshots([input], quietContext());
    expect(view.detachedNodes).toBeUndefined();
    expect(findings.filter((f) => f.analysis === 'heap.detached-dom')).toEqual([]);
  });
});

/** Older Chromium (no `detachedness` value set) named detached nodes `Detached <interface>`. */
const OLD_NAMES: HandNode[] = [
  /* 0 */ { type: 'synthetic', name: '', edges: [{ type: 'shortcut', name: 'window', to: 1 }] },
  /* 1 */ { type: 'object', name: 'Window', edges: [{ type: 'property', name: 'cache', to: 2 }, { type: 'property', name: 'document', to: 5 }] },
  /* 2 */ { type: 'object', name: 'Array', edges: [{ type: 'element', name: 0, to: 3 }] },
  /* 3 */ { type: 'native', name: 'Detached HTMLDivElement', size: 100, edges: [{ type: 'element', name: 0, to: 4 }] },
  /* 4 */ { type: 'native', name: 'Detached Text', size: 40, edges: [{ type: 'element', name: 0, to: 3 }] },
  /* 5 */ { type: 'native', name: 'HTMLDocument', size: 10, edges: [{ type: 'element', name: 0, to: 6 }] },
  /* 6 */ { type: 'native', name: 'HTMLDivElement', size: 100, edges: [] },
];

describe('detached nodes named `Detached …`', () => {
  it('groups a detached subtree under its root, with the property that holds it', async () => {
    const m = await modelOf(snapshotText(OLD_NAMES));
    const report = detectDetachedNodes(m)!;
    expect(report.detachedNodeCount).toBe(2);
    expect(report.groups).toHaveLength(1);
    const [group] = report.groups;
    expect(group).toMatchObject({ elementClass: 'HTMLDivElement', count: 1, subtreeNodeCount: 2, retainedBytes: 140, holder: 'Window.cache (Array)' });
    expect(group.retainerPath).toEqual(['Window @3', '.cache', 'Array @5', '[0]', 'Detached HTMLDivElement @7']);
    // One small subtree is kept in the view but is not a finding on its own.
    expect(detachedNodeFindings(report, 1000)).toEqual([]);
  });
});
