import type { CaseResult } from '../case/caseResult';
import { seriesKey } from '../timeline/seriesBuilder';
import { isCpu, isErrorRate, isMemory, isP99Latency, isThroughput, toMs } from '../timeline/seriesRoles';
import type { MetricSeries } from '../core/timeSeries';
import type { GateFigure, LimitKey } from '../case/saved/regression';
import { meanOf } from './figure';

interface Role {
  key: LimitKey;
  better: 'lower' | 'higher';
  unit: GateFigure['unit'];
  value: (s: MetricSeries) => number;
}

/** What a series measures for the gate; latency before throughput (a `latency_ops` name is latency). */
function roleOf(s: MetricSeries): Role | undefined {
  const mean = (x: MetricSeries) => meanOf(x.v);
  if (isP99Latency(s)) return { key: 'p99', better: 'lower', unit: 'ms', value: (x) => toMs(x, mean(x)) };
  if (isErrorRate(s)) return { key: 'errors', better: 'lower', unit: '%', value: mean };
  if (isThroughput(s)) return { key: 'throughput', better: 'higher', unit: 'req/s', value: mean };
  if (isCpu(s)) return { key: 'cpu', better: 'lower', unit: '%', value: mean };
  if (isMemory(s)) return { key: 'memory', better: 'lower', unit: 'bytes', value: mean };
  return undefined;
}

/** The case's own metric series: not the ones drawn from load-test steps, not alloc logs' live bytes. */
function metricSeries(c: CaseResult): MetricSeries[] {
  const view = c.views.timeline;
  if (!view) return [];
  const loadFiles = new Set((view.loadTests ?? []).map((r) => r.file));
  const own = new Set(view.files);
  return view.series.filter((s) => own.has(s.source) && !loadFiles.has(s.source) && s.v.length > 0);
}

/**
 * Metric series of the same name and labels on both sides, each compared by its mean over the whole
 * run (the view's series are min/max-downsampled, which keeps the mean of a steady run close). Files
 * that repeat a series on one side are its repeated runs.
 */
export function seriesFigures(baseline: CaseResult, candidate: CaseResult): GateFigure[] {
  const group = (c: CaseResult) => {
    const out = new Map<string, MetricSeries[]>();
    for (const s of metricSeries(c)) {
      const key = seriesKey(s.name, s.labels);
      out.set(key, [...(out.get(key) ?? []), s]);
    }
    return out;
  };
  const b = group(baseline);
  const c = group(candidate);
  const figures: GateFigure[] = [];
  for (const [key, bs] of b) {
    const cs = c.get(key);
    const role = roleOf(bs[0]);
    if (!cs || !role) continue;
    figures.push({
      id: `series.${key}`,
      capability: 'timeline',
      label: `${key} (mean over the run)`,
      limitKey: role.key,
      unit: role.unit,
      better: role.better,
      baseline: bs.map(role.value),
      candidate: cs.map(role.value),
      baselineSources: bs.map((s) => s.source),
      candidateSources: cs.map((s) => s.source),
    });
  }
  return figures;
}
