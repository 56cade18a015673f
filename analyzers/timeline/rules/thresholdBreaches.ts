import type { BreachMetric, FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { millis, type EpochMillis } from '../../core/units';
import { isCpu, isErrorRate, isMemory, isP99Latency, memoryLimitOf, toMs } from '../seriesRoles';
import { maxOf, medianStepMs, runsWhere } from '../seriesMath';
import { formatValue } from '../valueText';
import { seriesTitle, type Detection, type RuleInput } from './rule';
import { formatDuration } from '../../core/durationFormat';
import { formatPercentLimit } from '../../core/numberFormat';
import { formatUtc } from '../../core/timeFormat';
import type { MetricSeries } from '../../core/timeSeries';
import { DEFAULT_ALERT_THRESHOLDS } from '../../ingest/caseOptions';

/** The limits an incident auto-responder pages on; each can be changed by the caller. */
export interface ThresholdConfig {
  cpuPercent: number;
  /** Of the memory limit (from a limit series of the same target, or the case's memory limit). */
  memoryFractionOfLimit: number;
  p99Ms: number;
  errorRatePercent: number;
  /** Like an alert rule's `for:`: the first and last samples above must be this far apart (one sample is never enough). */
  minDurationMs: number;
  /** Dips below the threshold this many samples long do not end a breach. */
  mergeGapSamples: number;
}

export const DEFAULT_THRESHOLDS: ThresholdConfig = {
  cpuPercent: DEFAULT_ALERT_THRESHOLDS.cpuPercent,
  memoryFractionOfLimit: DEFAULT_ALERT_THRESHOLDS.memoryPercentOfLimit / 100,
  p99Ms: DEFAULT_ALERT_THRESHOLDS.p99Ms,
  errorRatePercent: DEFAULT_ALERT_THRESHOLDS.errorRatePercent,
  minDurationMs: 60_000,
  mergeGapSamples: 2,
};

interface Check {
  what: string;
  metric: BreachMetric;
  /** The threshold in the series' own unit. */
  limit: number;
  limitText: string;
}

function checkFor(s: MetricSeries, all: readonly MetricSeries[], input: RuleInput, c: ThresholdConfig): Check | undefined {
  if (isCpu(s)) return { what: 'CPU', metric: 'cpu', limit: c.cpuPercent, limitText: formatPercentLimit(c.cpuPercent) };
  if (isErrorRate(s)) return { what: 'Error rate', metric: 'errors', limit: c.errorRatePercent, limitText: formatPercentLimit(c.errorRatePercent) };
  if (isP99Latency(s)) {
    const limit = s.unit === 's' ? c.p99Ms / 1000 : c.p99Ms;
    return { what: 'P99 latency', metric: 'latency', limit, limitText: formatValue(c.p99Ms, 'ms') };
  }
  if (isMemory(s)) {
    const limitBytes = memoryLimitOf(s, all, input.options.memoryLimitBytes).bytes;
    if (!limitBytes) return undefined;
    return { what: 'Memory', metric: 'memory', limit: limitBytes * c.memoryFractionOfLimit, limitText: `${formatPercentLimit(c.memoryFractionOfLimit * 100)} of ${formatValue(limitBytes, 'bytes')}` };
  }
  return undefined;
}

/** Every stretch of time a CPU, memory, P99 or error-rate series spent above its threshold, with start and end. */
export function detectThresholdBreaches(input: RuleInput, config: ThresholdConfig = DEFAULT_THRESHOLDS): Detection[] {
  const out: Detection[] = [];
  for (const s of input.series) {
    const check = checkFor(s, input.series, input, config);
    if (!check) continue;
    const step = medianStepMs(s.t);
    for (const run of runsWhere(s.v.length, (i) => s.v[i] > check.limit, config.mergeGapSamples)) {
      const startMs = s.t[run.from];
      const endMs = (s.t[run.to] + step) as EpochMillis;
      if (s.t[run.to] - startMs < config.minDurationMs) continue;
      const peak = maxOf(s.v, run.from, run.to);
      const n = out.length;
      const duration = formatDuration(endMs - startMs);
      const impact: FindingImpact = { breach: { metric: check.metric, durationMs: millis(endMs - startMs), peakRatio: peak.value / check.limit } };
      out.push({
        label: `${check.what} > ${check.limitText}`,
        seriesIds: [s.id],
        finding: {
          id: `timeline.threshold.${n}`,
          analysis: 'timeline.thresholds',
          category: 'threshold-breach',
          severity: severityOf(impact),
          impact,
          title: `${check.what} above ${check.limitText} for ${duration} on ${seriesTitle(s)} (peak ${formatValue(peak.value, s.unit)})`,
          detail:
            `${seriesTitle(s)} stayed above ${check.limitText} from ${formatUtc(startMs)} to ${formatUtc(endMs)}, ` +
            `peaking at ${formatValue(peak.value, s.unit)} at ${formatUtc(s.t[peak.index])}. ` +
            'A breach is where an auto-responder would have paged; the other findings say why it happened.',
          evidence: [
            { label: 'threshold', value: check.limitText },
            { label: 'breach start', value: formatUtc(startMs) },
            { label: 'breach end', value: formatUtc(endMs) },
            { label: 'duration', value: endMs - startMs, unit: 'ms' },
            s.unit === 'ms' || s.unit === 's'
              ? { label: 'peak', value: Math.round(toMs(s, peak.value)), unit: 'ms' }
              : { label: 'peak', value: formatValue(peak.value, s.unit) },
          ],
          paths: [],
          suggestedFix: 'See the findings that overlap this breach for its cause; tune the threshold if the breach is expected load.',
          sources: [s.source],
          window: { startMs, endMs },
        },
      });
    }
  }
  return out;
}
