import { beforeAll, describe, expect, it } from 'vitest';
import { severityRank } from '../../core/finding';
import { capabilityOf } from '../analysisIds';
import type { CaseResult } from '../../case/caseResult';
import { buildReport } from '../buildReport';
import { TO_BE_ANSWERED } from '../fiveWhys';
import { evidenceListed, type RcaReport } from '../reportModel';
import { markdownReport } from '../markdownReport';
import { join } from 'node:path';
import { formatBytes } from '../../core/byteFormat';
import { formatShare } from '../../core/numberFormat';
import { allocLeakyFixtures, analyze, analyzeIncident, heapSnapshots, recorded, SAMPLES } from './caseFixtures';
import { finding } from './syntheticIncidents';

/** Every finding key the report mentions resolves to an appendix entry. */
function expectLinksResolve(report: RcaReport): void {
  const keys = new Set(report.appendix.findings.map((f) => f.key));
  expect(keys.size).toBe(report.appendix.findings.length);
  const mentioned = [
    ...report.rootCauses.flatMap((c) => [c.finding.key, ...c.evidence.map((e) => e.key)]),
    ...report.contributingFactors.map((f) => f.finding.key),
    ...report.fiveWhys.flatMap((w) => (w.findingKey ? [w.findingKey] : [])),
    ...report.actionItems.flatMap((a) => a.findingKeys),
    ...report.timeline.flatMap((e) => (e.findingKey ? [e.findingKey] : [])),
  ];
  for (const key of mentioned) expect(keys, key).toContain(key);
}

describe('buildReport on the real heap snapshots (samples/heap)', () => {
  let result: CaseResult;
  let report: RcaReport;
  beforeAll(async () => {
    result = await analyze(heapSnapshots());
    report = buildReport(result);
  });

  it('sets the leak against the heap growth between the snapshots, and gives no heap figure when merged shares reach the whole', () => {
    const [cause] = report.rootCauses;
    const lead = result.findings.find((f) => f.id === cause.finding.findingId)!;
    const g = lead.impact.growth!;
    expect(cause.statement).toContain(`${formatShare(g.shareOfGrowth!)} of the ${formatBytes(g.grownBytes! / g.shareOfGrowth!)} the heap grew between them`);
    // Overlapping findings merged into one add their shares, capped at 1: the heap's figure is then unknown.
    const capped = { ...lead, impact: { ...lead.impact, growth: { ...g, shareOfGrowth: 1 } } };
    const statement = buildReport({ ...result, findings: result.findings.map((f) => (f === lead ? capped : f)) }).rootCauses[0].statement;
    expect(statement).toContain(`grew ${formatBytes(g.grownBytes!)} across 3 heap snapshots, as much as the heap grew between them.`);
    expect(statement).not.toContain(`${formatShare(1)} of`);
  });

  it('names the leak of departed Players as the root cause, not the growth it causes', () => {
    expect(result.findings.map((f) => f.category)).toEqual(expect.arrayContaining(['memory-leak', 'memory-growth']));
    const [cause] = report.rootCauses;
    expect(report.rootCauses).toHaveLength(1);
    expect(cause.chain).toBe('memory-leak');
    expect(cause.finding.category).toBe('memory-leak');
    expect(cause.finding.title).toMatch(/Player/);
    expect(cause.finding.title).toMatch(/Guild\.members/);
    expect(report.title).toMatch(/memory leak/i);
  });

  it('links the evidence of every heap analysis to it', () => {
    const [cause] = report.rootCauses;
    const analyses = new Set(result.findings.map((f) => f.analysis));
    expect(new Set(cause.analyses)).toEqual(analyses);
    expect(cause.evidence.map((e) => e.findingId).sort()).toEqual(result.findings.map((f) => f.id).sort());
    expectLinksResolve(report);
  });

  it('lists the other leaks and the cycles as contributing factors, not the growth they cause', () => {
    const cause = report.rootCauses[0].finding;
    const mechanisms = result.findings.filter((f) => (f.category === 'memory-leak' || f.category === 'circular-reference') && f.id !== cause.findingId);
    expect(report.contributingFactors.map((f) => f.finding.findingId).sort()).toEqual(mechanisms.map((f) => f.id).sort());
    expect(report.contributingFactors.every((f) => f.rootCauseKey === cause.key)).toBe(true);
    const ranks = report.contributingFactors.map((f) => severityRank(f.finding.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('pre-fills five whys from symptom to mechanism to the retainer path', () => {
    expect(report.fiveWhys).toHaveLength(5);
    const categories = report.fiveWhys.flatMap((w) => {
      const f = report.appendix.findings.find((a) => a.key === w.findingKey);
      return f ? [f.category] : [];
    });
    expect(categories.indexOf('memory-growth')).toBeLessThan(categories.indexOf('memory-leak'));
    const retainerPath = result.findings.find((f) => f.id === report.rootCauses[0].finding.findingId)?.paths[0];
    const pathWhy = report.fiveWhys.find((w) => retainerPath && w.answer.startsWith(retainerPath.label));
    expect(pathWhy?.answer).toContain(retainerPath?.steps[retainerPath.steps.length - 1]);
    expect(report.fiveWhys[4].answer).toContain(TO_BE_ANSWERED);
  });

  it("turns the suggested fixes into action items, the cause's first", () => {
    const fixes = new Set(result.findings.map((f) => f.suggestedFix));
    expect(report.actionItems.length).toBe(fixes.size);
    expect(report.actionItems[0]).toMatchObject({ priority: 'P1', owner: '', findingKeys: [report.rootCauses[0].finding.key] });
    expect(report.actionItems[0].text).toBe(result.findings.find((f) => f.id === report.rootCauses[0].finding.findingId)?.suggestedFix);
  });

  it('keeps the raw numbers: every input and every finding with its evidence', () => {
    expect(report.appendix.inputs.map((i) => i.file)).toEqual(result.inputs.map((i) => i.file));
    expect(report.appendix.findings.map((f) => f.evidence)).toEqual(result.findings.map((f) => f.evidence));
    // Snapshots alone say nothing about the incident's cost (no metrics, no OOM kills): no key numbers.
    expect(report.impact.keyNumbers).toEqual([]);
    // No input of this case carries time: no window, no invented timeline.
    expect(report.impact.window).toBeUndefined();
    expect(report.timeline).toEqual([]);
    expect(report.charts).toBeUndefined();
  });

  it('is pure: the same case gives the same report and the case is not changed', () => {
    const before = JSON.stringify(result);
    expect(buildReport(result)).toEqual(report);
    expect(JSON.stringify(result)).toBe(before);
  });
});

describe('buildReport on the real allocation reports (samples/alloc/fixtures)', () => {
  let result: CaseResult;
  let report: RcaReport;
  beforeAll(async () => {
    result = await analyze(allocLeakyFixtures());
    report = buildReport(result);
  });

  it('names the shared_ptr ownership cycle, whose sites are what grows in the event log, and not the growth itself', () => {
    const cause = report.rootCauses[0];
    expect(cause.chain).toBe('memory-leak');
    expect(cause.finding.category).toBe('circular-reference');
    expect(cause.finding.title).toMatch(/Player/);
    const cycle = result.findings.find((f) => f.id === cause.finding.findingId);
    // LeakSanitizer, Valgrind and the event log's growth of the same sites are one finding.
    expect(cycle?.impact.growth?.timeBase).toBe('allocation-log');
    expect(cycle?.sources).toEqual(expect.arrayContaining(['lsan_leaky.txt', 'valgrind_leaky.xml', 'events_leaky.jsonl']));
    expect(result.findings.filter((f) => f.category === 'circular-reference')).toHaveLength(1);
    const mechanisms = result.findings.filter((f) => f.category === 'memory-leak' || f.category === 'circular-reference');
    expect(Math.max(...mechanisms.map((f) => severityRank(f.severity)))).toBe(severityRank(cause.finding.severity));
  });

  it('links every finding it mentions to the appendix', () => {
    expectLinksResolve(report);
  });

  it("calls the allocation log's 134 ms the time the evidence was recorded, not the incident's impact", () => {
    expect(report.impact.window?.durationMs).toBeLessThan(1000);
    expect(report.impact.windowIs).toBe('recording');
    expect(report.summary).toMatch(/Evidence recorded from 2026-11-25 \S+ UTC to 2026-11-25 \S+ UTC \(\d+ ms\); no metric, alert or kill in it times the impact itself\./);
    expect(report.summary).not.toMatch(/Impact from/);
    expect(markdownReport(report)).toMatch(/^- Evidence recorded \(no metric, alert or kill in it times the impact itself\): 2026-11-25/m);
    expect(report.fiveWhys.map((w) => w.answer).join('\n')).not.toMatch(/start of the impact/);
  });

  it('gives findings that share an id distinct keys that are safe anchors', () => {
    const twin = result.findings[0];
    const odd = { ...result.findings[1], id: 'x"><script>alert(1)</script>' };
    const r = buildReport({ ...result, findings: [...result.findings, { ...twin }, odd] });
    const keys = r.appendix.findings.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => /^[\w.~-]+$/.test(k))).toBe(true);
    expectLinksResolve(r);
  });
});

/** What the seed incidents (real files, samples/incidents) do not show by themselves: variants of them. */
describe('root cause chains on variants of the seed incidents', () => {
  it('lock contention without lock captures: the collapse itself is the suspected cause', async () => {
    const c = await analyzeIncident('lock-contention');
    const report = buildReport({ ...c, findings: c.findings.filter((f) => f.category !== 'lock-contention') });
    expect(report.rootCauses[0]).toMatchObject({ chain: 'lock-contention', finding: { category: 'throughput-collapse' } });
  });

  it('keeps a memory alert out of a stampede story, and no pattern at all falls back to the worst finding', async () => {
    const c = await analyzeIncident('cache-stampede');
    const memAlert = finding('timeline.threshold.9', 'threshold-breach', 'medium', 'Memory above 85 % of the limit');
    const report = buildReport({ ...c, findings: [...c.findings, memAlert] });
    expect(report.rootCauses[0].evidence.map((e) => e.findingId)).not.toContain(memAlert.id);
    const lone = buildReport({ ...c, findings: [memAlert, finding('x.quality.0', 'input-quality', 'high', 'truncated input')] });
    expect(lone.rootCauses).toHaveLength(1);
    expect(lone.rootCauses[0]).toMatchObject({ chain: 'other', finding: { findingId: memAlert.id } });
    expect(buildReport({ ...c, findings: [] }).rootCauses).toEqual([]);
  });

  it('measures impact and detection from the series, events and detections', async () => {
    const c = await analyzeIncident('cache-stampede');
    const view = c.views.timeline;
    if (!view) throw new Error('no timeline');
    const report = buildReport(c);
    for (const s of view.series) {
      const peak = report.impact.peaks.find((p) => p.seriesId === s.id);
      if (!peak) continue;
      expect(peak.max).toBe(Math.max(...s.v.filter(Number.isFinite)));
      expect(s.v[s.t.indexOf(peak.maxAtMs)]).toBe(peak.max);
    }
    const alerts = view.events.filter((e) => e.kind === 'alert').sort((a, b) => a.atMs - b.atMs);
    expect(report.detection.firstAlert?.title).toBe(alerts[0]?.title);
    expect(report.charts?.charts.length).toBeGreaterThan(0);
  });

  it('keeps at most 100 chart markers, OOM kills and alerts first, while the timeline keeps every event', async () => {
    const c = await analyzeIncident('memory-leak');
    const view = c.views.timeline;
    if (!view) throw new Error('no timeline');
    const notes = Array.from({ length: 500 }, (_, i) => ({ id: `n${i}`, atMs: view.series[0].t[i % view.series[0].t.length], kind: 'note' as const, title: `note ${i}`, detail: '', source: 'chat' }));
    const report = buildReport({ ...c, views: { ...c.views, timeline: { ...view, events: [...notes, ...view.events] } } });
    const markers = report.charts?.markers ?? [];
    expect(markers).toHaveLength(100);
    // An OOM kill or alert is its marker, or is told by another input's marker at the same second.
    for (const e of view.events.filter((x) => x.kind === 'oom' || x.kind === 'alert')) {
      expect(markers.some((m) => Math.floor(m.atMs / 1000) === Math.floor(e.atMs / 1000) && (m.kind === 'oom' || m.kind === 'alert'))).toBe(true);
    }
    expect(markers.map((m) => m.atMs)).toEqual([...markers.map((m) => m.atMs)].sort((a, b) => a - b));
    // Every event is a row, or another input's words on the row of the same happening.
    const rows = report.timeline.filter((e) => e.kind === 'event');
    expect(rows.reduce((n, e) => n + 1 + (e.alsoIn?.length ?? 0), 0)).toBe(500 + view.events.length);
  });

  it('tells a happening once: the event log and the chat at the same second are one row, the chat\'s words kept', async () => {
    const c = await analyzeIncident('cache-stampede');
    const events = c.views.timeline?.events ?? [];
    const report = buildReport(c);
    const rows = report.timeline.filter((e) => e.kind === 'event');
    const deploys = rows.filter((e) => e.tag === 'deploy');
    expect(deploys).toHaveLength(1);
    const chatDeploy = events.find((e) => e.kind === 'deploy' && e.source === 'chat-timeline.txt');
    expect(deploys[0]).toMatchObject({ source: 'events.jsonl', alsoIn: [{ source: 'chat-timeline.txt', title: chatDeploy?.title }] });
    // Every event is told, as a row or as another input's words on one; none twice.
    const told = rows.flatMap((r) => [`${r.source}|${r.title}`, ...(r.alsoIn ?? []).map((o) => `${o.source}|${o.title}`)]);
    expect([...told].sort()).toEqual(events.map((e) => `${e.source}|${e.title}`).sort());
    // What only the chat said (the engineers' reasoning) stays a row of its own.
    expect(rows.some((r) => r.source === 'chat-timeline.txt' && r.title.includes('it is the TTL'))).toBe(true);
    // No second has two rows from different inputs.
    const bySecond = new Map<number, Set<string>>();
    for (const r of rows) bySecond.set(Math.floor((r.atMs ?? 0) / 1000), (bySecond.get(Math.floor((r.atMs ?? 0) / 1000)) ?? new Set()).add(r.source));
    for (const sources of bySecond.values()) expect(sources.size).toBe(1);
  });

  it('keeps a note written on a row that became another input\'s words until the merged row has its own', async () => {
    const c = await analyzeIncident('cache-stampede');
    const chatDeploy = c.views.timeline?.events.find((e) => e.kind === 'deploy' && e.source === 'chat-timeline.txt');
    if (!chatDeploy) throw new Error('no chat deploy line');
    const noted = buildReport(c, { timelineNotes: { [`event:${chatDeploy.id}`]: 'rolled out by hand' } });
    const deploy = noted.timeline.find((e) => e.tag === 'deploy');
    expect(deploy?.note).toBe('rolled out by hand');
    const own = buildReport(c, { timelineNotes: { [`event:${chatDeploy.id}`]: 'rolled out by hand', [deploy!.key]: '' } });
    expect(own.timeline.find((e) => e.tag === 'deploy')?.note).toBe('');
  });

  it('merges events, detections and timed findings in time order, each finding once', async () => {
    const c = await analyzeIncident('memory-leak');
    const report = buildReport(c);
    const times = report.timeline.map((e) => e.atMs ?? Infinity);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const findingKeys = report.timeline.flatMap((e) => (e.findingKey ? [e.findingKey] : []));
    expect(new Set(findingKeys).size).toBe(findingKeys.length);
    // Every timed finding of the case is on the timeline, as its detection band or an entry of its own.
    const timed = c.findings.filter((f) => f.window).map((f) => f.id);
    expect(timed.length).toBeGreaterThan(0);
    for (const id of timed) expect(findingKeys).toContain(id);
    expectLinksResolve(report);
  });
});

describe('edits', () => {
  it('apply over the generated report and are listed as edited', async () => {
    const c = await analyzeIncident('memory-leak');
    const generated = buildReport(c);
    const key = generated.timeline[0].key;
    const edited = buildReport(c, {
      title: 'Game server OOMs, March 2',
      summary: 'Players were never released.',
      fiveWhys: ['because A', 'because B'],
      actionItems: [{ text: 'Remove players from guilds on logout', owner: 'alice', priority: 'P0' }],
      timelineNotes: { [key]: 'rolled back here' },
    });
    expect(edited.title).toBe('Game server OOMs, March 2');
    expect(edited.summary).toBe('Players were never released.');
    expect(edited.fiveWhys.map((w) => w.answer)).toEqual(['because A', 'because B']);
    expect(edited.fiveWhys[0].question).toBe(generated.fiveWhys[0].question);
    expect(edited.actionItems).toEqual([{ text: 'Remove players from guilds on logout', owner: 'alice', priority: 'P0', findingKeys: [] }]);
    expect(edited.timeline.find((e) => e.key === key)?.note).toBe('rolled back here');
    expect(edited.edited).toEqual(['title', 'summary', 'fiveWhys', 'actionItems', 'timelineNotes']);
    expect(generated.edited).toEqual([]);
    expect(edited.rootCauses).toEqual(generated.rootCauses);
  });
});

describe('analysis ids', () => {
  it.each(['memory-leak', 'cache-stampede', 'lock-contention'] as const)('every finding of the %s incident names an analysis its capability declares', async (name) => {
    const { findings } = await analyzeIncident(name);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect([f.analysis, capabilityOf(f)]).toEqual([f.analysis, f.analysis.split('.')[0]]);
  });
});

describe('two leaks in the same snapshots (the TypeScript game server: departed Players and an unbounded match cache)', () => {
  it('lists the second leak once, as a contributing factor of the first, and never counts it as support', async () => {
    const report = buildReport(await analyze(await recorded('heap/ts_game_server/js/server.js', ['3', '60', '{out}'])));
    const [cause] = report.rootCauses;
    expect(cause.finding.title).toMatch(/Player objects leak/);
    const factors = report.contributingFactors.filter((f) => f.rootCauseKey === cause.finding.key);
    // The matches are kept by the server's bounded cache, still filling: a cache's growth, not a leak.
    expect(factors.map((f) => f.finding.title)).toEqual([expect.stringMatching(/MatchResult objects stay in a cache \(.*\), held by MatchCache\.entries$/)]);
    expect(cause.statement).toMatch(/should have been released/);
    const listed = evidenceListed(cause, report.contributingFactors).map((e) => e.key);
    expect(listed).toContain(cause.finding.key);
    expect(listed).not.toContain(factors[0].finding.key);
    // Nothing of the chain is lost: what the cause no longer lists is its factor.
    expect([...listed, factors[0].finding.key].sort()).toEqual(cause.evidence.map((e) => e.key).sort());
    expect(cause.statement).not.toMatch(/support/);
    const markdown = markdownReport(report);
    for (const key of [...listed, factors[0].finding.key]) expect(markdown.split(`appendix \`${key}\`)`).length - 1, key).toBe(1);
  });
});

describe("the heap snapshots beside a C++ program's leak reports (two programs)", () => {
  it('names each leak a root cause of its own: no input file links them, so neither is evidence or a factor of the other', async () => {
    const report = buildReport(await analyze([...heapSnapshots(), ...allocLeakyFixtures()]));
    expect(report.rootCauses.map((c) => c.finding.analysis)).toEqual(['heap.leaks', 'alloc.reference-cycles']);
    for (const cause of report.rootCauses) expect(new Set(cause.analyses.map((a) => a.split('.')[0])).size, cause.finding.key).toBe(1);
    expect(report.contributingFactors).toEqual([]);
    // The snapshots carry no time: the C++ allocation log's recording (another program, another day) is not the incident's window or date.
    expect(report.impact.window).toBeUndefined();
    expect(report.title).toBe('Post-mortem: memory leak');
    // The whys follow the first cause's own story: the heap's growth, its leak, its retainer path.
    expect(report.fiveWhys.map((w) => w.answer).join('\n')).not.toMatch(/LeakSanitizer|player_manager/);
    const markdown = markdownReport(report);
    for (const cause of report.rootCauses) {
      const listed = evidenceListed(cause, report.contributingFactors).map((e) => e.key);
      expect(listed.sort()).toEqual(cause.evidence.map((e) => e.key).sort());
      for (const key of listed) expect(markdown.split(`appendix \`${key}\`)`).length - 1, key).toBe(1);
    }
  });
});

describe('a Node process that stopped at its V8 heap limit, its diagnostic report alone (samples/incidents/node-report)', () => {
  let report: RcaReport;
  beforeAll(async () => {
    report = buildReport(await analyze([join(SAMPLES, 'incidents', 'node-report', 'oom-report.json')]));
  }, 60_000);

  it('dates the impact at the death, an instant, not a span of 1 ms', () => {
    expect(report.impact.window?.durationMs).toBe(0);
    expect(report.summary).toMatch(/Impact at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC\./);
    expect(report.summary).not.toMatch(/\(1 ms\)/);
  });

  it('counts the death as running out of memory, not as the OOM killer’s work (V8 aborted itself)', () => {
    expect(report.impact.oomKills).toBe(1);
    const impact = markdownReport(report).split('## Impact')[1].split('##')[0];
    expect(impact).toContain('- Processes that ran out of memory (OOM-killed, or aborted at their heap limit): 1');
    expect(impact).not.toMatch(/OOM killer/);
  });
});
