import type { Finding, FindingCategory, Severity } from '../../core/finding';
import { epochMillis, type EpochMillis } from '../../core/units';
import type { CaseResult } from '../../case/caseResult';
import type { DetectionBand, TimelineEvent, TimelineView } from '../../timeline/view';
import type { MetricUnit } from '../../core/timeSeries';
import type { MetricSeries } from '../../core/timeSeries';

/**
 * Small simulations of the three seed incidents, standing in for analyzers/timeline's detections
 * until its samples land: series come from a formula, never typed in, and the findings carry the
 * categories and windows the timeline rules emit (docs/report.md says which).
 */

const MIN = 60_000;
const HOUR = 60 * MIN;

function series(id: string, name: string, unit: MetricUnit, t: EpochMillis[], f: (t: number, i: number) => number): MetricSeries {
  return { id, name, unit, labels: {}, source: 'metrics.csv', t, v: t.map(f) };
}

function times(start: number, stepMs: number, count: number): EpochMillis[] {
  return Array.from({ length: count }, (_, i) => epochMillis(start + i * stepMs));
}

export function finding(id: string, category: FindingCategory, severity: Severity, title: string, extra: Partial<Finding> = {}): Finding {
  return {
    id,
    analysis: id.split('.').slice(0, 2).join('.'),
    category,
    severity,
    title,
    detail: `${title}.`,
    evidence: [],
    paths: [],
    suggestedFix: `Fix for ${title}`,
    sources: ['metrics.csv'],
    impact: {},
    ...extra,
  };
}

function band(f: Finding, seriesIds: string[]): DetectionBand {
  if (!f.window) throw new Error(`${f.id} has no window`);
  return { id: `band-${f.id}`, findingId: f.id, label: f.title, severity: f.severity, startMs: f.window.startMs, endMs: f.window.endMs ?? f.window.startMs, seriesIds };
}

function caseOf(view: TimelineView, findings: Finding[], extraFindings: Finding[] = []): CaseResult {
  return {
    analyzedAt: '2026-03-04T09:00:00.000Z',
    inputs: view.files.map((file) => ({ file, formatId: 'test', formatLabel: 'synthetic', sizeBytes: 1000, complete: true, notices: [] })),
    failures: [],
    findings: [...extraFindings, ...findings],
    views: { timeline: view },
  };
}

/** Two days of a game server leaking after a deploy: memory climbs until the OOM killer restarts it. */
export function leakIncident(extraFindings: Finding[] = []): CaseResult {
  const start = Date.UTC(2026, 2, 2, 0, 0, 0);
  const deployAt = start + 6 * HOUR;
  const limit = 8 * 2 ** 30;
  const base = 1.5 * 2 ** 30;
  const ratePerMs = (1.2 * 2 ** 30) / (4 * HOUR);
  let restartAt = deployAt;
  const ooms: number[] = [];
  const t = times(start, 5 * MIN, (48 * HOUR) / (5 * MIN));
  const memory = t.map((ts) => {
    if (ts < deployAt) return base;
    let v = base + (ts - restartAt) * ratePerMs;
    if (v >= limit) {
      ooms.push(ts);
      restartAt = ts;
      v = base;
    }
    return v;
  });
  const mem: MetricSeries = { id: 'memory', name: 'Resident memory', unit: 'bytes', labels: { host: 'game-1' }, source: 'metrics.csv', t, v: memory };
  const latency = series('p99', 'P99 latency', 'ms', t, (_, i) => 40 + 900 * (memory[i] / limit) ** 4);
  const events: TimelineEvent[] = [
    { id: 'e-deploy', atMs: epochMillis(deployAt), kind: 'deploy', title: "Deploy v2.3 'friend system'", detail: '', source: 'events.jsonl' },
    ...ooms.map((at, i) => ({ id: `e-oom-${i}`, atMs: epochMillis(at), kind: 'oom' as const, title: 'Out of memory: Killed process 4242 (game-server)', detail: '', source: 'kern.log' })),
  ];
  const firstOom = ooms[0] ?? t[t.length - 1];
  const growth = finding('timeline.growth.0', 'memory-growth', 'critical', 'Resident memory grows 300 MiB/hour from 06:00 (4 h after the friend system deploy)', {
    window: { startMs: epochMillis(deployAt), endMs: epochMillis(firstOom) },
    evidence: [{ label: 'leak rate', value: 300 * 2 ** 20, unit: 'bytes/h' }],
  });
  const breachStart = t.find((ts, i) => ts > deployAt && memory[i] > 0.85 * limit) ?? deployAt;
  const breach = finding('timeline.threshold.0', 'threshold-breach', 'high', 'Memory above 85 % of the limit', {
    window: { startMs: epochMillis(breachStart), endMs: epochMillis(firstOom) },
  });
  events.push({ id: 'e-alert', atMs: epochMillis(breachStart + 10 * MIN), kind: 'alert', title: 'MemoryHigh firing', detail: '', source: 'events.jsonl' });
  const oom = finding('timeline.oom.0', 'oom', 'critical', `${ooms.length} processes killed by the OOM killer`, { window: { startMs: epochMillis(firstOom) } });
  const view: TimelineView = { files: ['metrics.csv', 'events.jsonl', 'kern.log'], series: [mem, latency], events, detections: [band(growth, ['memory']), band(breach, ['memory'])] };
  return caseOf(view, [growth, breach, oom], extraFindings);
}

/** The 60 s TTL of every hot key expires at 17:00:01: misses spike, the DB pool saturates, latency collapses. */
export function stampedeIncident(): CaseResult {
  const start = Date.UTC(2026, 2, 3, 16, 50, 0);
  const expiry = Date.UTC(2026, 2, 3, 17, 0, 1);
  const t = times(start, 1000, 20 * 60);
  const after = (ts: number) => Math.max(0, ts - expiry) / 1000;
  const burst = (ts: number) => (ts >= expiry ? Math.exp(-after(ts) / 90) : 0);
  const misses = series('misses', 'Cache misses', 'ops/s', t, (ts) => 50 + 9000 * burst(ts));
  const pool = series('db-conn', 'DB connections', 'connections', t, (ts) => Math.min(100, 20 + 400 * burst(ts)));
  const dbLatency = series('db-latency', 'DB latency p99', 'ms', t, (ts) => 8 + 3000 * burst(ts) ** 2);
  const window = { startMs: epochMillis(expiry), endMs: epochMillis(expiry + 4 * MIN) };
  const stampede = finding('timeline.stampede.0', 'cache-stampede', 'high', 'Cache stampede at 17:00:01: misses ×180 then the DB pool saturates at 100', { window });
  const latency = finding('timeline.threshold.1', 'threshold-breach', 'high', 'P99 latency above 1 s', { window: { startMs: epochMillis(expiry + 20_000), endMs: epochMillis(expiry + 3 * MIN) } });
  const collapse = finding('timeline.collapse.0', 'throughput-collapse', 'medium', 'Request throughput fell 70 %', { window });
  const view: TimelineView = {
    files: ['cache.csv'],
    series: [misses, pool, dbLatency],
    events: [{ id: 'e-alert', atMs: epochMillis(expiry + 90_000), kind: 'alert', title: 'DBPoolExhausted firing', detail: '', source: 'events.jsonl' }],
    detections: [band(stampede, ['misses', 'db-conn']), band(latency, ['db-latency'])],
  };
  return caseOf(view, [latency, collapse, stampede]);
}

/** Throughput falls as load rises while system CPU climbs: threads queue on one coarse lock. */
export function lockIncident(): CaseResult {
  const start = Date.UTC(2026, 2, 4, 12, 0, 0);
  const t = times(start, 10_000, 360);
  const load = (i: number) => i / 360;
  const throughput = series('rps', 'Throughput', 'req/s', t, (_, i) => 5000 * (1 - 0.8 * Math.max(0, load(i) - 0.4) / 0.6));
  const sys = series('cpu-sys', 'CPU system', '%', t, (_, i) => 5 + 80 * Math.max(0, load(i) - 0.4) / 0.6);
  const window = { startMs: t[144], endMs: t[359] };
  const collapse = finding('timeline.collapse.0', 'throughput-collapse', 'high', 'Throughput fell 80 % while CPU rose (system time 85 %)', { window });
  const cpu = finding('timeline.threshold.2', 'threshold-breach', 'high', 'CPU above 90 %', { window: { startMs: t[300], endMs: t[359] } });
  const lock = finding('locks.contention.0', 'lock-contention', 'high', 'Lock world_mutex: 91 % of wait time, held in World::tick', { sources: ['perf-lock.txt'] });
  const view: TimelineView = { files: ['cpu.csv'], series: [throughput, sys], events: [], detections: [band(collapse, ['rps', 'cpu-sys']), band(cpu, ['cpu-sys'])] };
  return caseOf(view, [collapse, cpu], [lock]);
}
