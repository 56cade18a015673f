import { severityRank, type Finding } from '../../core/finding';
import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { millis, type EpochMillis } from '../../core/units';
import { indexAtOrAfter, medianStepMs, runsWhere, trailingExtreme } from '../seriesMath';
import { isCpu, isCpuSystem, isCpuUser, isP99Latency, isThroughput, sameTarget, toMs } from '../seriesRoles';
import { formatValue } from '../valueText';
import { seriesTitle, sourcesOf, type Detection, type RuleInput } from './rule';
import { formatDuration } from '../../core/durationFormat';
import { median } from '../../core/median';
import { formatPercent, formatShare } from '../../core/numberFormat';
import { formatUtc } from '../../core/timeFormat';
import type { MetricSeries } from '../../core/timeSeries';

export interface LockCollapseConfig {
  /** Throughput must fall by at least this fraction of its earlier level… */
  dropFraction: number;
  /** …for at least this long. */
  minDurationMs: number;
  baselineMs: number;
  /** System time must be at least this share of the CPU time while throughput is down. */
  minSystemShare: number;
}

export const DEFAULT_LOCK_COLLAPSE: LockCollapseConfig = { dropFraction: 0.5, minDurationMs: 2 * 60_000, baselineMs: 15 * 60_000, minSystemShare: 0.5 };

// Medians, not means: the samples of the transition itself would drag a mean halfway.
const medianBetween = (s: MetricSeries, fromMs: number, toMs: number) => median(s.v.slice(indexAtOrAfter(s.t, fromMs), indexAtOrAfter(s.t, toMs)));

/** The case's lock findings, most severe first, at most `max`: enough to name the lock without burying the collapse. */
function lockFindingsFor(findings: readonly Finding[], max = 4): Finding[] {
  return findings
    .filter((f) => f.category === 'lock-contention')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity))
    .slice(0, max);
}

/**
 * Lock-contention collapse: throughput falls while CPU use rises and the kernel's share of it
 * dominates — threads spin and sleep on a futex instead of working. Falling throughput with idle
 * CPU is a different story (an upstream, I/O), so both CPU conditions are required. Lock findings
 * from a perf lock or mutex profile in the same case are joined as the evidence of *which* lock.
 */
export function detectLockContentionCollapse(input: RuleInput, config: LockCollapseConfig = DEFAULT_LOCK_COLLAPSE): Detection[] {
  const out: Detection[] = [];
  const system = input.series.filter(isCpuSystem);
  for (const tp of input.series.filter(isThroughput)) {
    const sys = system.find((s) => sameTarget(tp, s)) ?? system[0];
    if (!sys) continue;
    const user = input.series.find((s) => isCpuUser(s) && sameTarget(sys, s));
    const total = input.series.find((s) => isCpu(s) && sameTarget(sys, s));
    const step = medianStepMs(tp.t);
    // The window's maximum bounds its median from above: skip the median where even the maximum rules out a drop.
    const ceiling = trailingExtreme(tp.t, tp.v, config.baselineMs, 0, 'max');
    const runs = runsWhere(tp.v.length, (i) => {
      if (!(tp.v[i] <= (1 - config.dropFraction) * ceiling[i])) return false;
      const before = tp.v.slice(indexAtOrAfter(tp.t, tp.t[i] - config.baselineMs), i);
      return before.length >= 3 && tp.v[i] <= (1 - config.dropFraction) * median(before);
    }, 2);
    // A run flags only the first samples of a sustained drop (the baseline catches up); find the drop, then its extent.
    const first = runs.find((r) => tp.t[r.to] + step - tp.t[r.from] >= Math.min(config.minDurationMs, config.baselineMs / 2));
    if (!first) continue;
    const startMs = tp.t[first.from];
    const baseline = median(tp.v.slice(indexAtOrAfter(tp.t, startMs - config.baselineMs), first.from));
    let to = first.to;
    while (to + 1 < tp.v.length && tp.v[to + 1] <= (1 - config.dropFraction) * baseline) to++;
    const endMs = (tp.t[to] + step) as EpochMillis;
    if (endMs - startMs < config.minDurationMs) continue;
    const sysBefore = medianBetween(sys, startMs - config.baselineMs, startMs);
    const sysDuring = medianBetween(sys, startMs, endMs);
    const userBefore = user ? medianBetween(user, startMs - config.baselineMs, startMs) : NaN;
    const userDuring = user ? medianBetween(user, startMs, endMs) : NaN;
    const cpuBefore = total ? medianBetween(total, startMs - config.baselineMs, startMs) : sysBefore + userBefore;
    const cpuDuring = total ? medianBetween(total, startMs, endMs) : sysDuring + userDuring;
    const systemShare = sysDuring / cpuDuring;
    if (!(cpuDuring > cpuBefore) || !(systemShare >= config.minSystemShare)) continue;
    const during = median(tp.v.slice(first.from, to + 1));
    const latency = input.series.find((s) => isP99Latency(s) && sameTarget(tp, s));
    const latBefore = latency ? medianBetween(latency, startMs - config.baselineMs, startMs) : NaN;
    const latDuring = latency ? medianBetween(latency, startMs, endMs) : NaN;
    const locks = lockFindingsFor(input.earlierFindings);
    const lockText = locks.length ? ` The lock analysis of this case names the lock: ${locks.slice(0, 2).map((f) => f.title).join('; ')}.` : ' No lock capture in this case: record one (perf lock record, mutex profile) to name the lock.';
    const impact: FindingImpact = { breach: { metric: 'throughput', durationMs: millis(endMs - startMs), peakRatio: baseline / Math.max(during, 1e-9) } };
    out.push({
      label: 'Lock-contention collapse',
      seriesIds: [tp, latency, sys, user].filter((s): s is MetricSeries => !!s).map((s) => s.id),
      finding: {
        id: `timeline.lock-collapse.${out.length}`,
        analysis: 'timeline.lock-collapse',
        category: 'throughput-collapse',
        severity: severityOf(impact),
        impact,
        title: `Throughput collapse at ${formatUtc(startMs)}: ${formatValue(baseline, tp.unit)} → ${formatValue(during, tp.unit)} while CPU rose to ${formatPercent(cpuDuring)} with system time ${formatShare(systemShare)} of it (lock contention)`,
        detail:
          `${seriesTitle(tp)} fell ${formatShare(1 - during / baseline)} for ${formatDuration(endMs - startMs)}, yet CPU use went from ${formatPercent(cpuBefore)} to ${formatPercent(cpuDuring)} ` +
          `and the kernel's share from ${formatShare(sysBefore / cpuBefore)} to ${formatShare(systemShare)}: ` +
          'the threads are busy waking and sleeping on contended locks (futex, scheduler) instead of doing work.' +
          (latency ? ` ${seriesTitle(latency)} went from ${formatValue(latBefore, latency.unit)} to ${formatValue(latDuring, latency.unit)}.` : '') +
          lockText,
        evidence: [
          { label: 'throughput before', value: Math.round(baseline), unit: 'ops/s' },
          { label: 'throughput during', value: Math.round(during), unit: 'ops/s' },
          { label: 'CPU before', value: Number(cpuBefore.toFixed(1)), unit: '%' },
          { label: 'CPU during', value: Number(cpuDuring.toFixed(1)), unit: '%' },
          { label: 'system share during', value: Number(systemShare.toFixed(2)), unit: 'ratio' },
          ...(latency ? [{ label: 'P99 before', value: Number(toMs(latency, latBefore).toFixed(1)), unit: 'ms' as const }, { label: 'P99 during', value: Number(toMs(latency, latDuring).toFixed(1)), unit: 'ms' as const }] : []),
          ...locks.map((f) => ({ label: 'lock finding', value: f.title })),
        ],
        paths: [
          {
            label: 'collapse chain',
            steps: [
              `${formatUtc(startMs)}: ${seriesTitle(tp)} ${formatValue(baseline, tp.unit)} → ${formatValue(during, tp.unit)}`,
              `CPU ${formatPercent(cpuBefore)} → ${formatPercent(cpuDuring)}, system ${formatPercent(sysBefore)} → ${formatPercent(sysDuring)}`,
              ...locks.map((f) => `lock: ${f.title} (${f.id})`),
            ],
          },
          ...locks.flatMap((f) => f.paths.slice(0, 1)),
        ],
        suggestedFix:
          'Shorten or split the critical section that the throughput depends on: per-item or striped locks instead of one global mutex, no I/O or batching under the lock, read-write locks for read-mostly data. ' +
          (locks[0]?.suggestedFix ?? ''),
        sources: sourcesOf([tp, sys, user, latency]).concat(locks.flatMap((f) => f.sources)),
        window: { startMs, endMs },
      },
    });
  }
  return out;
}
