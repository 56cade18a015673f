import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { millis } from '../../core/units';
import type { TimelineEvent } from '../view';
import { sourcesOf, type Detection, type RuleInput } from './rule';
import { formatDuration } from '../../core/durationFormat';
import { formatUtc } from '../../core/timeFormat';

export interface CascadeConfig {
  /** Each next service must fail within this long of the previous one to be part of the chain. */
  windowMs: number;
  minServices: number;
}

export const DEFAULT_CASCADE: CascadeConfig = { windowMs: 10 * 60_000, minServices: 2 };

const isFailure = (e: TimelineEvent) => e.kind === 'alert' || e.kind === 'oom' || e.kind === 'restart';

/**
 * Cascade: one service fails, then others, each within a window of the one before. Only events
 * that name their service count; several hosts of one service failing is one service failing
 * (that is the OOM or threshold findings' story, not a cascade).
 */
export function detectCascade(input: RuleInput, config: CascadeConfig = DEFAULT_CASCADE): Detection[] {
  const firstByService = new Map<string, TimelineEvent>();
  for (const e of [...input.events].sort((a, b) => a.atMs - b.atMs)) {
    if (isFailure(e) && e.service && !firstByService.has(e.service)) firstByService.set(e.service, e);
  }
  const firsts = [...firstByService.values()].sort((a, b) => a.atMs - b.atMs);
  const out: Detection[] = [];
  let i = 0;
  while (i < firsts.length) {
    let j = i;
    while (j + 1 < firsts.length && firsts[j + 1].atMs - firsts[j].atMs <= config.windowMs) j++;
    const chain = firsts.slice(i, j + 1);
    i = j + 1;
    if (chain.length < config.minServices) continue;
    const startMs = chain[0].atMs;
    const endMs = chain[chain.length - 1].atMs;
    const names = chain.map((e) => e.service ?? '');
    // Events say that services failed, not by how much: the spread is the measured part.
    const impact: FindingImpact = { breach: { metric: 'errors', durationMs: millis(endMs - startMs), peakRatio: 1, services: chain.length } };
    out.push({
      label: `Cascade: ${names.join(' → ')}`,
      seriesIds: [],
      finding: {
        id: `timeline.cascade.${out.length}`,
        analysis: 'timeline.cascade',
        category: 'cascade',
        severity: severityOf(impact),
        impact,
        title: `Cascade over ${chain.length} services in ${formatDuration(endMs - startMs)}: ${names.join(' → ')}`,
        detail:
          `${names[0]} failed first (${chain[0].title}, ${formatUtc(startMs)}); ` +
          chain.slice(1).map((e) => `${e.service} ${formatDuration(e.atMs - startMs)} later (${e.title})`).join(', ') +
          '. Fix the first failure and protect the callers from it (timeouts, circuit breakers, load shedding) so it does not spread.',
        evidence: chain.map((e) => ({ label: e.service ?? '', value: `${formatUtc(e.atMs)}: ${e.title}` })),
        paths: [{ label: 'failure order', steps: chain.map((e) => `${formatUtc(e.atMs)} ${e.service}: ${e.title}`) }],
        suggestedFix: `Start from ${names[0]}: its failure came first. For the services after it, bound the damage of a slow dependency: timeouts shorter than the caller's, circuit breakers, bulkheads (separate pools), and shedding load instead of queueing it.`,
        sources: sourcesOf([], chain),
        window: { startMs, endMs },
      },
    });
  }
  return out;
}
