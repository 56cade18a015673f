import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { millis, type EpochMillis } from '../../core/units';
import { indexAtOrAfter, maxOf, medianStepMs, runsWhere, trailingExtreme } from '../seriesMath';
import { isCacheMisses, isConnections, isDbLatency, isDbQueryRate, isP99Latency, isPoolMax, toMs } from '../seriesRoles';
import { formatValue } from '../valueText';
import type { TimelineEvent } from '../view';
import { seriesTitle, sourcesOf, type Detection, type RuleInput } from './rule';
import { formatDuration } from '../../core/durationFormat';
import { median } from '../../core/median';
import { formatUtc } from '../../core/timeFormat';
import type { MetricSeries } from '../../core/timeSeries';
import { groupDigits } from '../../core/numberFormat';

export interface CacheStampedeConfig {
  /** Misses (or DB queries) must jump to this multiple of their level before the spike… */
  spikeFactor: number;
  /** …within this long: keys expiring together, not load growing. */
  riseWithinMs: number;
  baselineMs: number;
  /** Pool saturation and latency collapse must start within this long after the spike. */
  followWithinMs: number;
  poolSaturationFraction: number;
  latencyFactor: number;
  /** How close the spike must be to a TTL boundary (a keys-written event plus k × TTL). */
  ttlToleranceMs: number;
  /** When no event states the TTL, this one is tried. */
  ttlSeconds?: number;
}

export const DEFAULT_CACHE_STAMPEDE: CacheStampedeConfig = {
  spikeFactor: 5,
  riseWithinMs: 10_000,
  baselineMs: 5 * 60_000,
  followWithinMs: 2 * 60_000,
  poolSaturationFraction: 0.95,
  latencyFactor: 5,
  ttlToleranceMs: 2_000,
};

const TTL_TEXT = /\bTTL\b[^0-9]{0,12}(\d+)\s*(ms|s|sec|seconds|m|min)?\b|(\d+)\s*(ms|s|sec|seconds|m|min)\s*TTL\b|\bEX (\d+)\b/i;

/** The TTL an event's text states, in ms (`TTL 60 s`, `60s TTL`, Redis `EX 60`). */
export function ttlFromText(text: string): number | undefined {
  const m = TTL_TEXT.exec(text);
  if (!m) return undefined;
  const n = Number(m[1] ?? m[3] ?? m[5]);
  const unit = (m[2] ?? m[4] ?? 's').toLowerCase();
  return n * (unit === 'ms' ? 1 : unit.startsWith('m') ? 60_000 : 1000);
}

interface Spike {
  index: number;
  baseline: number;
}

/** The first sample from `fromIndex` on where the series reaches `spikeFactor` × its earlier level within `riseWithinMs`. */
function firstSpike(s: MetricSeries, c: CacheStampedeConfig, fromIndex = 1): Spike | undefined {
  // The window's minimum bounds its median from below: where even the minimum rules out a spike, skip the median.
  const floor = trailingExtreme(s.t, s.v, c.baselineMs + c.riseWithinMs, c.riseWithinMs, 'min');
  for (let i = Math.max(1, fromIndex); i < s.v.length; i++) {
    if (!(s.v[i] >= c.spikeFactor * Math.max(floor[i], 1))) continue;
    const from = indexAtOrAfter(s.t, s.t[i] - c.baselineMs - c.riseWithinMs);
    const to = indexAtOrAfter(s.t, s.t[i] - c.riseWithinMs);
    if (to - from < 3) continue;
    const baseline = median(s.v.slice(from, to));
    if (s.v[i] >= c.spikeFactor * Math.max(baseline, 1)) return { index: i, baseline };
  }
  return undefined;
}

function ttlBoundary(events: readonly TimelineEvent[], onsetMs: number, c: CacheStampedeConfig): { event: TimelineEvent; ttlMs: number; expiries: number } | undefined {
  for (const e of events) {
    const ttlMs = ttlFromText(`${e.title} ${e.detail}`) ?? (c.ttlSeconds ? c.ttlSeconds * 1000 : undefined);
    if (!ttlMs || e.atMs > onsetMs) continue;
    const k = Math.round((onsetMs - e.atMs) / ttlMs);
    if (k >= 1 && Math.abs(e.atMs + k * ttlMs - onsetMs) <= c.ttlToleranceMs) return { event: e, ttlMs, expiries: k };
  }
  return undefined;
}

/** First index at or after `from` (and within `withinMs` of it) where `test` holds. */
function firstWithin(s: MetricSeries, fromMs: number, withinMs: number, test: (v: number) => boolean): number | undefined {
  for (let i = indexAtOrAfter(s.t, fromMs); i < s.t.length && s.t[i] <= fromMs + withinMs; i++) if (test(s.v[i])) return i;
  return undefined;
}

/**
 * Cache stampede: misses (or DB queries) jump together at one instant — keys that were written
 * together expiring together, ideally at a TTL boundary an event states — and the DB pool then
 * saturates and latency collapses. Without the saturation or the latency collapse it is only a
 * cold cache, not a stampede.
 */
export function detectCacheStampede(input: RuleInput, config: CacheStampedeConfig = DEFAULT_CACHE_STAMPEDE): Detection[] {
  const out: Detection[] = [];
  const triggers = input.series.filter(isCacheMisses);
  if (triggers.length === 0) triggers.push(...input.series.filter(isDbQueryRate));
  for (const misses of triggers) {
    // A capture that starts before the load does shows a rise from nothing first: a spike that no
    // saturation or latency collapse follows is passed over for the next one.
    for (let spike = firstSpike(misses, config); spike; spike = firstSpike(misses, config, spike.index + 1)) {
      const onsetMs = misses.t[spike.index];
      const conns = input.series.find(isConnections);
      const poolSeries = input.series.find(isPoolMax);
      const poolMax = poolSeries ? poolSeries.v[poolSeries.v.length - 1] : undefined;
      const saturatedAt = conns && poolMax ? firstWithin(conns, onsetMs, config.followWithinMs, (v) => v >= config.poolSaturationFraction * poolMax) : undefined;
      const latency = input.series.find(isDbLatency) ?? input.series.find(isP99Latency);
      let collapsedAt: number | undefined;
      let latencyBaseline = 0;
      if (latency) {
        const before = latency.v.slice(indexAtOrAfter(latency.t, onsetMs - config.baselineMs), indexAtOrAfter(latency.t, onsetMs));
        latencyBaseline = median(before);
        if (before.length) collapsedAt = firstWithin(latency, onsetMs, config.followWithinMs, (v) => v >= config.latencyFactor * latencyBaseline);
      }
      const saturationKnown = !!conns && poolMax !== undefined;
      const saturatedMs = conns && saturatedAt !== undefined ? conns.t[saturatedAt] : undefined;
      if ((saturationKnown && saturatedAt === undefined) || collapsedAt === undefined || !latency) continue;
      // The stampede lasts while misses stay high.
      const run = runsWhere(misses.v.length, (i) => i >= spike.index && misses.v[i] >= (config.spikeFactor / 2) * Math.max(spike.baseline, 1), 3)[0];
      // Misses that jump again by the spike factor before the collapse mark where the stampede began
      // (a rise from no traffic at all, when the capture starts before the load, is a spike by ratio too).
      if (misses.v.some((v, i) => i > spike.index && misses.t[i] <= latency.t[collapsedAt] && v >= config.spikeFactor * Math.max(misses.v[spike.index], 1))) continue;
      const endMs = (misses.t[run?.to ?? spike.index] + medianStepMs(misses.t)) as EpochMillis;
      const ttl = ttlBoundary(input.events, onsetMs, config);
      const peakMiss = maxOf(misses.v, spike.index, run?.to ?? spike.index);
      const peakLatency = maxOf(latency.v, indexAtOrAfter(latency.t, onsetMs), indexAtOrAfter(latency.t, endMs) - 1);
      const steps: string[] = [];
      if (ttl) steps.push(`${formatUtc(ttl.event.atMs)}: ${ttl.event.title} (TTL ${formatDuration(ttl.ttlMs)})`);
      steps.push(`${formatUtc(onsetMs)}: ${seriesTitle(misses)} jumps from ${formatValue(spike.baseline, misses.unit)} to ${formatValue(misses.v[spike.index], misses.unit)}${ttl ? ` — ${ttl.expiries} × TTL after the write` : ''}`);
      if (conns && saturatedAt !== undefined && poolMax !== undefined) steps.push(`${formatUtc(conns.t[saturatedAt])}: ${seriesTitle(conns)} at ${groupDigits(conns.v[saturatedAt])} of ${groupDigits(poolMax)} (pool saturated)`);
      steps.push(`${formatUtc(latency.t[collapsedAt])}: ${seriesTitle(latency)} ${formatValue(latency.v[collapsedAt], latency.unit)} (was ${formatValue(latencyBaseline, latency.unit)})`);
      // What users felt: latency multiplied for as long as the misses stayed high.
      const impact: FindingImpact = { breach: { metric: 'latency', durationMs: millis(endMs - onsetMs), peakRatio: peakLatency.value / Math.max(latencyBaseline, 1e-9) } };
      out.push({
        label: 'Cache stampede',
        seriesIds: [misses, conns, latency].filter((s): s is MetricSeries => !!s).map((s) => s.id),
        finding: {
          id: `timeline.cache-stampede.${out.length}`,
          analysis: 'timeline.cache-stampede',
          category: 'cache-stampede',
          severity: severityOf(impact),
          impact,
          title: `Cache stampede at ${formatUtc(onsetMs)}: ${seriesTitle(misses)} ×${Math.round(misses.v[spike.index] / Math.max(spike.baseline, 1))} at once${ttl ? ` on a ${formatDuration(ttl.ttlMs)} TTL boundary` : ''}, ${saturatedAt !== undefined ? 'DB pool saturated, ' : ''}latency ×${Math.round(peakLatency.value / Math.max(latencyBaseline, 1e-9))}`,
          detail:
            `Cache misses rose ${Math.round(misses.v[spike.index] / Math.max(spike.baseline, 1))}-fold within ${formatDuration(config.riseWithinMs)}, so many keys expired at the same instant` +
            (ttl ? `: ${formatDuration(onsetMs - ttl.event.atMs)} after '${ttl.event.title}', exactly ${ttl.expiries} × the ${formatDuration(ttl.ttlMs)} TTL.` : '. No event states a TTL that ends at this instant; check whether the keys were written together.') +
            ` Every miss went to the database${saturatedMs !== undefined && poolMax !== undefined ? `, whose ${groupDigits(poolMax)}-connection pool was full ${saturatedMs > onsetMs ? `${formatDuration(saturatedMs - onsetMs)} later` : 'at once'}` : ''}; ` +
            `${seriesTitle(latency)} went from ${formatValue(latencyBaseline, latency.unit)} to ${formatValue(peakLatency.value, latency.unit)}. ` +
            `Slow queries kept the cache from refilling, so it lasted ${formatDuration(endMs - onsetMs)}.`,
          evidence: [
            { label: 'spike onset', value: formatUtc(onsetMs) },
            { label: 'misses before', value: Math.round(spike.baseline), unit: 'count' },
            { label: 'misses at peak', value: Math.round(peakMiss.value), unit: 'count' },
            ...(ttl ? [{ label: 'TTL', value: ttl.ttlMs, unit: 'ms' as const }, { label: 'keys written', value: `${ttl.event.title} (${formatUtc(ttl.event.atMs)})` }] : []),
            ...(poolMax !== undefined ? [{ label: 'pool size', value: poolMax, unit: 'count' as const }] : []),
            { label: 'latency before', value: Math.round(toMs(latency, latencyBaseline)), unit: 'ms' },
            { label: 'latency peak', value: Math.round(toMs(latency, peakLatency.value)), unit: 'ms' },
            { label: 'duration', value: endMs - onsetMs, unit: 'ms' },
          ],
          paths: [{ label: 'stampede chain', steps }],
          suggestedFix:
            'Let one request refresh a key while the others wait or get the old value (single-flight / request coalescing); refresh before expiry with probability rising as expiry nears (XFetch, probabilistic early expiration); serve stale while revalidating; and add random jitter to TTLs so keys written together do not expire together.',
          sources: sourcesOf([misses, conns, latency], ttl ? [ttl.event] : []),
          window: { startMs: onsetMs, endMs },
        },
      });
      break;
    }
  }
  return out;
}
