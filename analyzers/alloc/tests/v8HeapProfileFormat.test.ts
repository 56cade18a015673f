import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { plural } from '../../core/numberFormat';
import { runCase } from '../../pipeline/runCase';
import { quietContext } from '../../ingest/tests/loadForTest';
import { fixture, loadReport, tempFile } from './fixtures';
import { load } from './fixtures';

interface Node { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; id: number; children: Node[] }
const profile = (name: string) => JSON.parse(gunzipSync(readFileSync(fixture(name))).toString('utf8')) as { head: Node; samples: { nodeId: number; size: number; ordinal: number }[] };
const profileText = (name: string) => gunzipSync(readFileSync(fixture(name))).toString('utf8');

/** The tree's own sum of selfSize: what every record together must hold. */
function treeBytes(n: Node): number {
  return n.selfSize + n.children.reduce((s, c) => s + treeBytes(c), 0);
}

describe('V8 sampling heap profile (node --heap-prof) of the leaking session cache', () => {
  it('keeps every byte of the call tree and every sample, one record per node that holds memory', async () => {
    const { report, formatId, complete, notices } = await loadReport('sessions_leaky.heapprofile.gz');
    const raw = profile('sessions_leaky.heapprofile.gz');
    expect(formatId).toBe('alloc.v8-heap-profile');
    expect(complete).toBe(true);
    expect(report.records.reduce((s, r) => s + r.bytes, 0)).toBe(treeBytes(raw.head));
    const ids = new Set<number>();
    const walk = (n: Node): void => {
      ids.add(n.id);
      n.children.forEach(walk);
    };
    walk(raw.head);
    const orphans = raw.samples.filter((s) => !ids.has(s.nodeId)).length;
    expect(report.records.reduce((s, r) => s + r.blocks, 0)).toBe(raw.samples.length - orphans);
    expect(notices.map((n) => n.message)).toContain(`${plural(orphans, 'sample')} ${orphans === 1 ? 'names' : 'name'} a call-tree node the profile does not hold: not counted`);
    expect(report.records.every((r) => r.kind === 'live')).toBe(true);
  });

  it('keeps each node\'s whole call path, so the top-down tree of DevTools\' "Allocation sampling" is the records\' stacks', async () => {
    const { report } = await loadReport('matches_leaky_3.heapprofile.gz');
    const raw = profile('matches_leaky_3.heapprofile.gz');
    // Total bytes under every node, as the top-down view shows them, against the records whose stack passes through it.
    const check = (n: Node, path: string[]): void => {
      const here = n === raw.head ? [] : [...path, `${n.callFrame.functionName}@${n.callFrame.lineNumber + 1}`];
      if (here.length) {
        const under = report.records.filter((r) => {
          const rootFirst = [...r.frames].reverse().map((f) => `${f.fn === '(anonymous)' ? '' : f.fn}@${f.line ?? 0}`);
          return here.every((step, i) => rootFirst[i] === step);
        });
        expect(under.reduce((sum, r) => sum + r.bytes, 0)).toBe(treeBytes(n));
      }
      n.children.forEach((c) => check(c, here));
    };
    check(raw.head, []);
    // The profile's place among the others of its sampling session: its largest sample id.
    expect(report.capturedAt).toEqual({ by: 'sample ids', value: Math.max(...raw.samples.map((x) => x.ordinal)) });
  });

  it("shows the session cache's sites in the allocation view, with the path from the script, builtins and Node's internals folded", async () => {
    const result = await runCase([fixture('sessions_leaky.heapprofile.gz')], { ...quietContext(), options: {} });
    expect(result.failures).toEqual([]);
    const report = result.views.alloc!.reports[0];
    expect(report.tool).toBe('v8-heap-profile');
    const top = report.sites.slice(0, 2).map((s) => s.key);
    // V8 names the line where each function begins; handleLogin holds what the inlined cacheSession allocated.
    expect(top).toEqual(['handleLogin file://./session_cache.mjs:19', 'chatHistory file://./session_cache.mjs:8']);
    const handle = report.sites[0].stack;
    expect(handle[0]).toEqual({ label: 'handleLogin file://./session_cache.mjs:19', folded: false });
    expect(handle.filter((f) => f.label.includes('node:internal')).every((f) => f.folded)).toBe(true);
    expect(handle.some((f) => f.label.includes('node:internal'))).toBe(true);
    // A heap profile is memory in use, not memory lost: no leak finding from one profile alone.
    expect(result.findings.filter((f) => f.analysis === 'alloc.top-leaks')).toEqual([]);
  });

  it('the leaky and the fixed build compared: the cache sites shrink after the fix', async () => {
    const result = await runCase([fixture('sessions_leaky.heapprofile.gz'), fixture('sessions_fixed.heapprofile.gz')], { ...quietContext(), options: {} });
    const comparison = result.views.alloc!.comparisons[0];
    const handle = comparison.sites.find((s) => s.key.startsWith('handleLogin'))!;
    expect(['shrank', 'disappeared']).toContain(handle.change);
    expect(comparison.afterBytes).toBeLessThan(comparison.beforeBytes / 10);
  });
});

describe('bad V8 heap profiles', () => {
  it('a cut profile keeps the call tree before the cut and is marked incomplete', async () => {
    const text = profileText('sessions_fixed.heapprofile.gz');
    const loaded = await load(tempFile('cut.heapprofile', text.slice(0, Math.floor(text.length / 3))));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices[0].message).toMatch(/^the JSON ends early at byte \d{1,3}(?:,\d{3})* \(line 1\): the profile was cut/);
  });

  it('a selfSize that is not a byte count is counted and the file marked incomplete', async () => {
    const text = profileText('sessions_fixed.heapprofile.gz').replace(/"selfSize":\d+/, '"selfSize":"many"');
    const loaded = await load(tempFile('bad.heapprofile', text));
    expect(loaded.complete).toBe(false);
    expect(loaded.notices.map((n) => n.message)).toContain('1 call-tree node with a selfSize that is not a byte count, skipped');
  });

  it('a CPU profile is named as a near miss', async () => {
    const cpu = JSON.stringify({ head: { callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 }, hitCount: 0, children: [] }, startTime: 0, endTime: 1 });
    const result = await runCase([tempFile('app.cpuprofile', cpu)], { ...quietContext(), options: {} });
    expect(result.failures[0].message).toMatch(/app\.cpuprofile: is not a recognised input: it looks like V8 sampling heap profile .* but it is a CPU profile/);
  });
});
