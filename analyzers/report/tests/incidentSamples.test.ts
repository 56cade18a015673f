import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../core/byteFormat';
import { bytes } from '../../core/units';
import { buildReport } from '../buildReport';
import { ALSO_SEEN_BY } from '../mergeFindings';
import { allocLeakyFixtures, analyze, heapSnapshots, incidentFiles, SAMPLES } from './caseFixtures';

/** The three seed incidents of samples/incidents, analyzed as the README there says. */

const firstAlertIn = (folder: string): { ts: string; title: string } | undefined =>
  readFileSync(join(SAMPLES, 'incidents', folder, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { ts: string | number; kind: string; title: string })
    .filter((e) => e.kind === 'alert')
    .map((e) => ({ ts: String(e.ts), title: e.title }))
    .sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts))[0];

describe('memory-leak meltdown (samples/incidents/memory-leak)', () => {
  const options = { anchorDate: '2026-03-14', memoryLimitBytes: bytes(8 * 2 ** 30) };

  it('from the metrics and events alone: memory growth after the deploy, with the OOM kills and memory alert as evidence', async () => {
    const report = buildReport(await analyze(incidentFiles('memory-leak'), options));
    const [cause] = report.rootCauses;
    expect(report.rootCauses).toHaveLength(1);
    expect(cause).toMatchObject({ chain: 'memory-leak', finding: { category: 'memory-growth' } });
    expect(cause.finding.title).toMatch(/friend system/);
    expect(cause.evidence.map((e) => e.category)).toEqual(expect.arrayContaining(['oom', 'threshold-breach']));
    // CPU, latency and error-rate breaches are symptoms of the same story but not memory's.
    const memoryBreaches = cause.evidence.filter((e) => e.category === 'threshold-breach');
    expect(memoryBreaches.every((e) => /memory/i.test(e.title))).toBe(true);
    const kernelKills = readFileSync(join(SAMPLES, 'incidents', 'memory-leak', 'kern.log'), 'utf8').match(/Out of memory: Killed process/g)?.length;
    expect(report.impact.oomKills).toBe(kernelKills);
    const alert = firstAlertIn('memory-leak');
    expect(report.detection.firstAlert?.title).toBe(alert?.title);
    expect(report.detection.firstAlert?.atMs).toBe(Date.parse(alert?.ts ?? ''));
  });

  it("with the heap snapshots and a C++ program's leak reports: the heap's leak names the cause with the service's symptoms, the other program's cycle is a cause of its own, the impact stays on the incident", async () => {
    const result = await analyze([...incidentFiles('memory-leak'), ...heapSnapshots(), ...allocLeakyFixtures()], options);
    const report = buildReport(result);
    const [cause, other] = report.rootCauses;
    expect(cause.finding).toMatchObject({ analysis: 'heap.leaks', category: 'memory-leak' });
    expect(cause.finding.title).toMatch(/Player objects leak/);
    expect(new Set(cause.analyses.map((a) => a.split('.')[0]))).toEqual(new Set(['heap', 'timeline']));
    // Recorded in another run (its log is dated another day), the cycle cannot be what filled this service's memory.
    expect(other.finding.analysis).toBe('alloc.reference-cycles');
    expect(new Set(other.analyses.map((a) => a.split('.')[0]))).toEqual(new Set(['alloc']));
    // The allocation log was recorded on another day: its window must not stretch the incident.
    const series = result.views.timeline?.series ?? [];
    const lastSample = Math.max(...series.map((s) => s.t[s.t.length - 1]));
    expect(report.impact.window?.endMs).toBeLessThanOrEqual(lastSample);
    expect(report.fiveWhys.map((w) => w.answer)).toEqual(expect.arrayContaining([expect.stringMatching(/OOM/)]));
    // The title's 175.8 KiB is the Player cluster's own; the growth adds the same leak's closures and
    // arrays merged into it: the statement says so rather than give two figures that read as a contradiction.
    const lead = result.findings.find((f) => f.id === cause.finding.findingId)!;
    const merged = lead.evidence.filter((e) => e.label.startsWith(ALSO_SEEN_BY)).length;
    expect(merged).toBeGreaterThan(0);
    const grown = formatBytes(lead.impact.growth!.grownBytes!);
    expect(lead.title).not.toContain(grown);
    expect(cause.statement).toContain(`With the ${merged} findings of the same problem merged into it, it grew ${grown} across 3 heap snapshots`);
  });
});

describe('cache stampede (samples/incidents/cache-stampede)', () => {
  it('names the stampede at the TTL boundary; the cascade and latency breaches are its evidence', async () => {
    const result = await analyze(incidentFiles('cache-stampede'), { anchorDate: '2026-04-02' });
    const report = buildReport(result);
    expect(report.rootCauses).toHaveLength(1);
    const [cause] = report.rootCauses;
    expect(cause).toMatchObject({ chain: 'cache-stampede', finding: { category: 'cache-stampede' } });
    expect(cause.evidence.map((e) => e.category)).toEqual(expect.arrayContaining(['cascade', 'threshold-breach']));
    const stampede = result.findings.find((f) => f.category === 'cache-stampede');
    expect(report.impact.window?.startMs).toBe(stampede?.window?.startMs);
    expect(report.actionItems[0].text).toBe(stampede?.suggestedFix);
    expect(report.actionItems[0].text).toMatch(/single-flight|jitter/i);
    expect(report.charts?.charts.length).toBeGreaterThan(2);
  });
});

describe('lock-contention collapse (samples/incidents/lock-contention + samples/locks)', () => {
  it('names the lock contention: the lock finding when the perf capture is analyzed, else the collapse itself', async () => {
    const capture = join(SAMPLES, 'locks', 'fixtures', 'perf_lock_contention_coarse.txt');
    const result = await analyze([...incidentFiles('lock-contention'), capture]);
    const report = buildReport(result);
    const [cause] = report.rootCauses;
    expect(report.rootCauses).toHaveLength(1);
    expect(cause.chain).toBe('lock-contention');
    const lockFindings = result.findings.filter((f) => f.category === 'lock-contention');
    expect(cause.finding.category).toBe(lockFindings.length > 0 ? 'lock-contention' : 'throughput-collapse');
    expect(cause.evidence.map((e) => e.category)).toContain('throughput-collapse');
    const alert = firstAlertIn('lock-contention');
    expect(report.detection.timeToDetectMs).toBe(Date.parse(alert?.ts ?? '') - (report.impact.window?.startMs ?? NaN));
  });
});
