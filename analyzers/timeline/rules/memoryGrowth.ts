import type { EvidencePath, FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { bytes, millis } from '../../core/units';
import { formatBytes } from '../../core/byteFormat';
import { flatThenLinear } from '../changePoint';
import { droppedMemoryLimitOf, isMemory, memoryLimitOf, sameTarget } from '../seriesRoles';
import type { TimelineEvent } from '../view';
import { seriesTitle, sourcesOf, type Detection, type RuleInput } from './rule';
import { groupOomKills } from './sameKill';
import { formatDuration } from '../../core/durationFormat';
import { formatUtc } from '../../core/timeFormat';
import { plural } from '../../core/numberFormat';
import type { MetricSeries } from '../../core/timeSeries';

export interface MemoryGrowthConfig {
  /** A growing stretch must be explained this well by a line (R²): a leak climbs steadily, load wobbles. */
  minR2: number;
  /** It must add at least this fraction of the level it started from. */
  minGrowthFraction: number;
  minGrowthMs: number;
  /** A drop by this fraction between two samples is a restart (OOM kill, deploy), not the leak ending. */
  resetDropFraction: number;
  minPoints: number;
}

export const DEFAULT_MEMORY_GROWTH: MemoryGrowthConfig = { minR2: 0.8, minGrowthFraction: 0.2, minGrowthMs: 3_600_000, resetDropFraction: 0.3, minPoints: 6 };

const MS_PER_HOUR = 3_600_000;

interface Growth {
  from: number;
  to: number;
  startIndex: number;
  bytesPerHour: number;
  r2: number;
}

function segmentsAtResets(v: readonly number[], dropFraction: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = 0;
  for (let i = 1; i < v.length; i++) {
    if (v[i] < v[i - 1] * (1 - dropFraction)) {
      out.push({ from, to: i - 1 });
      from = i;
    }
  }
  out.push({ from, to: v.length - 1 });
  return out;
}

function growthIn(s: MetricSeries, seg: { from: number; to: number }, c: MemoryGrowthConfig): Growth | undefined {
  const x = s.t.slice(seg.from, seg.to + 1).map((t) => t / MS_PER_HOUR);
  const y = s.v.slice(seg.from, seg.to + 1);
  const cp = flatThenLinear(x, y, c.minPoints);
  if (!cp || cp.fit.slope <= 0 || cp.fit.r2 < c.minR2) return undefined;
  const startIndex = seg.from + cp.index;
  const spanMs = s.t[seg.to] - s.t[startIndex];
  const level = Math.max(1, cp.fit.intercept + cp.fit.slope * x[cp.index]);
  if (spanMs < c.minGrowthMs || (cp.fit.slope * spanMs) / MS_PER_HOUR < c.minGrowthFraction * level) return undefined;
  return { ...seg, startIndex, bytesPerHour: cp.fit.slope, r2: cp.fit.r2 };
}

/** The deploy or config change closest before `atMs`: the usual suspect for a change in behaviour. */
export function nearestPrecedingChange(events: readonly TimelineEvent[], atMs: number): TimelineEvent | undefined {
  let best: TimelineEvent | undefined;
  for (const e of events) if ((e.kind === 'deploy' || e.kind === 'config') && e.atMs <= atMs && (!best || e.atMs > best.atMs)) best = e;
  return best;
}

/**
 * OOM kills in a time range, one event per kill (the first account of it). A kernel log names the
 * killed process; a chat line ("first server OOM killed") tells the same kill again, so unnamed OOM
 * events count only when no named one exists.
 */
function oomKillsBetween(input: RuleInput, fromMs: number, toMs: number): TimelineEvent[] {
  const kills = groupOomKills(input.events, input.oomAccounts).filter((k) => k.atMs >= fromMs && k.atMs <= toMs);
  return kills.length ? kills.map((k) => k.events[0]) : input.events.filter((e) => e.kind === 'oom' && e.atMs >= fromMs && e.atMs <= toMs);
}

/**
 * Sustained memory growth: a line fitted from the change point where growth began, the leak rate
 * per hour, the time left until the limit (OOM ETA), the deploy or config change just before, and
 * the OOM kills it led to. A sawtooth of restarts is read as one leak that starts over.
 */
export function detectMemoryGrowth(input: RuleInput, config: MemoryGrowthConfig = DEFAULT_MEMORY_GROWTH): Detection[] {
  const out: Detection[] = [];
  for (const s of input.series) {
    if (!isMemory(s) || s.v.length < 2 * config.minPoints) continue;
    const growths = segmentsAtResets(s.v, config.resetDropFraction)
      .map((seg) => growthIn(s, seg, config))
      .filter((g): g is Growth => g !== undefined);
    if (growths.length === 0) continue;
    const first = growths[0];
    const startMs = s.t[first.startIndex];
    const endMs = s.t[s.t.length - 1];
    const { bytes: limit, series: limitSeries } = memoryLimitOf(s, input.series, input.options.memoryLimitBytes);
    const droppedLimit = limit ? undefined : droppedMemoryLimitOf(s, input.droppedSeries ?? []);
    // Dropped series of the same target whose name does not read as a limit may still have been it.
    const droppedOfTarget = limit || droppedLimit ? [] : (input.droppedSeries ?? []).filter((d) => sameTarget(s, d));
    const change = nearestPrecedingChange(input.events, startMs);
    const ooms = oomKillsBetween(input, startMs, endMs + MS_PER_HOUR);
    const last = growths[growths.length - 1];
    const lastValue = s.v[s.v.length - 1];
    const stillGrowing = last.to === s.v.length - 1;
    const etaHours = limit && stillGrowing && lastValue < limit ? (limit - lastValue) / last.bytesPerHour : undefined;
    const reachedLimitAt = limit ? growths.filter((g) => g.to < s.v.length - 1 && s.v[g.to] >= 0.9 * limit).map((g) => s.t[g.to]) : [];
    const rate = `${formatBytes(first.bytesPerHour)}/h`;
    const after = change ? `, ${formatDuration(startMs - change.atMs)} after the '${change.title}' ${change.kind === 'deploy' ? 'deploy' : 'config change'}` : '';
    const eta = etaHours === undefined ? '' : `; at this rate it reaches the ${formatBytes(limit ?? 0)} limit in ${formatDuration(etaHours * MS_PER_HOUR)} (OOM ETA ${formatUtc(Math.round((s.t[s.t.length - 1] + etaHours * MS_PER_HOUR) / 60_000) * 60_000)})`;
    const steps: string[] = [];
    if (change) steps.push(`${formatUtc(change.atMs)}: ${change.kind} '${change.title}'`);
    steps.push(`${formatUtc(startMs)}: memory starts growing (${formatBytes(s.v[first.startIndex])}), ${rate}`);
    for (const at of reachedLimitAt) steps.push(`${formatUtc(at)}: reaches ${formatBytes(s.v[s.t.indexOf(at)])} of ${formatBytes(limit ?? 0)}, then drops (restart)`);
    for (const e of ooms) steps.push(`${formatUtc(e.atMs)}: ${e.title}`);
    const paths: EvidencePath[] = [{ label: 'growth chain', steps }];
    const impact: FindingImpact = {
      growth: {
        grownBytes: bytes(Math.max(0, s.v[first.to] - s.v[first.startIndex])),
        observations: first.to - first.startIndex + 1,
        timeBase: 'metrics',
        overMs: millis(s.t[first.to] - s.t[first.startIndex]),
        bytesPerHour: first.bytesPerHour,
        ...(etaHours !== undefined ? { hoursToLimit: etaHours } : {}),
        ...(reachedLimitAt.length || ooms.length ? { limitReached: true } : {}),
      },
    };
    out.push({
      label: `Memory growth ${rate}`,
      seriesIds: [s.id],
      finding: {
        id: `timeline.memory-growth.${out.length}`,
        analysis: 'timeline.memory-growth',
        category: 'memory-growth',
        severity: severityOf(impact),
        impact,
        title: `${seriesTitle(s)} grows ${rate} from ${formatUtc(startMs)}${after}${eta}`,
        detail:
          `A straight line explains the climb (R² ${first.r2.toFixed(2)}): memory rises steadily instead of following load, the signature of a leak. ` +
          `Growth began at ${formatUtc(startMs)}${after}.` +
          (growths.length > 1 ? ` It started over after ${plural(growths.length - 1, 'restart')} and grew again at ${formatBytes(last.bytesPerHour)}/h.` : '') +
          (ooms.length ? ` ${plural(ooms.length, 'OOM kill')} followed.` : '') +
          (limit
            ? ''
            : droppedLimit
              ? ` The memory limit series ${droppedLimit.name} was dropped (${droppedLimit.source} ${droppedLimit.where}: ${droppedLimit.why}), so the out-of-memory estimate is not computed; give --memory-limit to have it.`
              : droppedOfTarget.length
                ? ` No memory limit is known, and ${droppedOfTarget.length === 1 ? 'a series' : `${droppedOfTarget.length} series`} of this target ${droppedOfTarget.length === 1 ? 'was' : 'were'} dropped as unreadable (${droppedOfTarget.map((d) => `${d.source} ${d.where}`).join('; ')}), which may have been it: no OOM ETA; give --memory-limit to have one.`
                : ' No memory limit is known (no limit series, no --memory-limit): no OOM ETA.'),
        evidence: [
          { label: 'leak rate', value: Math.round(first.bytesPerHour), unit: 'bytes/h' },
          { label: 'fit R²', value: Number(first.r2.toFixed(3)), unit: 'ratio' },
          { label: 'growth began', value: formatUtc(startMs) },
          ...(change ? [{ label: `preceding ${change.kind}`, value: `${change.title} (${formatUtc(change.atMs)})` }, { label: 'growth began after it', value: startMs - change.atMs, unit: 'ms' as const }] : []),
          ...(limit ? [{ label: 'memory limit', value: limit, unit: 'bytes' as const }] : []),
          ...(droppedLimit ? [{ label: 'memory limit series dropped', value: `${droppedLimit.source} ${droppedLimit.where}` }] : []),
          ...(etaHours !== undefined ? [{ label: 'hours until the limit', value: Number(etaHours.toFixed(1)) }] : []),
          ...(ooms.length ? [{ label: 'OOM kills', value: ooms.length, unit: 'count' as const }] : []),
        ],
        paths,
        suggestedFix: change
          ? `Look at what '${change.title}' changed in object lifetimes (listeners, caches, collections keyed by player/session); take heap snapshots before and after growth and compare them.`
          : 'Take heap snapshots (or a leak report) at two points of the growth and compare them; bound caches and unregister listeners.',
        sources: [...new Set([...sourcesOf([s, limitSeries], change ? [change] : []), ...(droppedLimit ? [droppedLimit.source] : [])])],
        window: { startMs, endMs },
      },
    });
  }
  return out;
}
