import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../case/caseResult';
import type { GateResult, JudgedFigure } from '../../case/saved/regression';
import { quietContext } from '../../ingest/tests/loadForTest';
import { runCase } from '../../pipeline/runCase';
import { flameNodes } from '../../core/flameGraph';
import { compareCases } from '../compareCases';
import { DEFAULT_ALPHA, parseLimitList } from '../limits';

/**
 * samples/gate: player_manager.cpp and game_server.mjs, repaired (baseline), leaky (candidate) and
 * repaired again (candidate-fixed), each under LSan, Valgrind, heaptrack and the allocation event
 * tracker (three runs), and the game server's first and last heap snapshot.
 */
const GATE = join(__dirname, '../../../samples/gate/fixtures');
const HEAP = join(__dirname, '../../../samples/heap');
const side = (name: string) => readdirSync(join(GATE, name)).map((f) => join(GATE, name, f));
const LEAKY_SNAPSHOTS = ['game-1-baseline.heapsnapshot.gz', 'game-3-final.heapsnapshot.gz'].map((f) => join(HEAP, f));
const lsanSummary = (dir: string) => Number(/SUMMARY: AddressSanitizer: (\d+) byte/.exec(readFileSync(join(GATE, dir, 'lsan.txt'), 'utf8'))![1]);

const byId = (gate: GateResult, id: string): JudgedFigure => {
  const f = gate.figures.find((x) => x.id === id);
  if (!f) throw new Error(`no figure ${id} among ${gate.figures.map((x) => x.id).join(', ')}`);
  return f;
};
const ofKind = (gate: GateResult, prefix: string) => gate.figures.filter((f) => f.id.startsWith(prefix));

describe('gate per allocation site and per heap class on real captures', () => {
  let baseline: CaseResult;
  let leaky: CaseResult;
  let fixed: CaseResult;
  beforeAll(async () => {
    [baseline, leaky, fixed] = await Promise.all([runCase(side('baseline'), quietContext()), runCase([...side('candidate'), ...LEAKY_SNAPSHOTS], quietContext()), runCase(side('candidate-fixed'), quietContext())]);
  });

  it('fails the leaky build at the sites that leak: new sites from none, the profile cache grown, for every tool', () => {
    const gate = compareCases(baseline, leaky);
    expect(gate.verdict).toBe('fail');
    expect(byId(gate, 'alloc.lsan.leaked')).toMatchObject({ baseline: [lsanSummary('baseline')], candidate: [lsanSummary('candidate')], status: 'regressed' });
    for (const tool of ['lsan', 'valgrind', 'heaptrack', 'event-log']) {
      const sites = ofKind(gate, `alloc.${tool}.site.`);
      const appeared = sites.filter((f) => f.label.includes('addPlayer') && f.baselineMean === 0);
      expect(appeared.length).toBeGreaterThan(0);
      for (const f of appeared) expect(f).toMatchObject({ status: 'regressed', worseBy: Infinity });
    }
    for (const tool of ['valgrind', 'heaptrack', 'event-log']) {
      const cache = ofKind(gate, `alloc.${tool}.site.`).find((f) => f.label.includes('ProfileCache::loadProfile'))!;
      expect(cache.candidateMean).toBeGreaterThan(cache.baselineMean * 1.1);
      expect(cache.status).toBe('regressed');
    }
  });

  it('merges each candidate report\'s flame graph with the baseline\'s of its tool: the totals and every site figure at its frames', () => {
    const gate = compareCases(baseline, leaky);
    const flames = gate.flames ?? [];
    const lsan = flames.find((f) => f.diff?.after === 'lsan.txt' && f.unit === 'bytes')!;
    expect(lsan.diff).toEqual({ before: 'lsan.txt', after: 'lsan.txt' });
    expect(lsan.root.before).toBe(lsanSummary('baseline'));
    expect(lsan.root.total).toBe(lsanSummary('candidate'));
    const sites = ofKind(gate, 'alloc.lsan.site.');
    expect(sites.length).toBeGreaterThan(0);
    for (const f of sites) {
      const key = f.id.slice('alloc.lsan.site.'.length);
      const nodes = [...flameNodes(lsan.root)].filter(({ node }) => node.name === key).map(({ node }) => node);
      expect(nodes.reduce((a, n) => a + (n.before ?? 0), 0), key).toBe(f.baseline[0]);
      expect(nodes.reduce((a, n) => a + n.total, 0), key).toBe(f.candidate[0]);
    }
    // One graph per candidate report that has a baseline report of its tool (three event logs against the first).
    expect(flames.map((f) => f.diff?.after).sort()).toEqual((leaky.views.alloc?.reports ?? []).filter((r) => r.flame).map((r) => r.file).sort());
  });

  it("judges the event logs' leak rate, in all and per site, against the three runs' spread", () => {
    const gate = compareCases(baseline, leaky);
    const rates = [byId(gate, 'alloc.event-log.leak-rate'), ...ofKind(gate, 'alloc.event-log.site-rate.')];
    expect(rates.length).toBeGreaterThan(1);
    const cache = rates.find((f) => f.label.includes('ProfileCache::loadProfile'))!;
    for (const f of [rates[0], cache]) {
      expect(f.baseline).toHaveLength(3);
      expect(f.candidate).toHaveLength(3);
      expect(f.status).toBe('regressed');
      expect(f.test!.p).toBeLessThan(DEFAULT_ALPHA);
    }
  });

  it('fails the leaked Player class by live bytes, objects and growth between the snapshots; the steady classes pass', () => {
    const gate = compareCases(baseline, leaky);
    const player = ['heap.class.Player', 'heap.count.Player', 'heap.growth.Player'].map((id) => byId(gate, id));
    for (const f of player) expect(f.status).toBe('regressed');
    const count = player[1];
    // The fixed server keeps its residents; the leaky one keeps every player that left as well.
    expect(count.candidateMean).toBeGreaterThan(count.baselineMean);
    expect(ofKind(gate, 'heap.').filter((f) => /^heap\.(class|count)\.(Item|MatchRecord|BuiltinModule|Error)$/.test(f.id)).every((f) => f.status === 'within-limit')).toBe(true);
    // V8's own categories change with the JIT, not with the build.
    expect(gate.figures.some((f) => f.id.startsWith('heap.') && f.id.includes('.('))).toBe(false);
  });

  it('passes the repaired build run again: every per-site and per-class figure is compared and none regresses', () => {
    const gate = compareCases(baseline, fixed);
    expect(gate.verdict).toBe('pass');
    for (const prefix of ['alloc.lsan.site.', 'alloc.valgrind.site.', 'alloc.heaptrack.site.', 'alloc.event-log.site.', 'alloc.event-log.site-rate.', 'heap.class.', 'heap.count.']) {
      expect(ofKind(gate, prefix).length).toBeGreaterThan(0);
    }
    for (const f of gate.figures) expect(f.status).not.toBe('regressed');
  });

  it('the rates of two runs of the same build differ, and with a limit below that difference the spread still passes them', () => {
    const limits = parseLimitList('leak-rate=0.5%');
    if ('error' in limits) throw new Error(limits.error);
    const gate = compareCases(baseline, fixed, { limits: limits.limits, alpha: DEFAULT_ALPHA });
    const beyond = ofKind(gate, 'alloc.event-log.').filter((f) => f.limitKey === 'leak-rate' && f.worseBy > f.limit);
    expect(beyond.length).toBeGreaterThan(0);
    for (const f of beyond) expect(f.status).toBe('noise');
  });

  it('limits are per metric: objects per class may grow by 1000 % while live bytes per class may not', () => {
    const limits = parseLimitList('heap-count=1000%');
    if ('error' in limits) throw new Error(limits.error);
    const gate = compareCases(baseline, leaky, { limits: limits.limits, alpha: DEFAULT_ALPHA });
    expect(byId(gate, 'heap.count.Player').status).toBe('within-limit');
    expect(byId(gate, 'heap.class.Player').status).toBe('regressed');
  });
});
