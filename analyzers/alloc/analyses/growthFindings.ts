import type { FindingOf } from '../../core/analysisContract';
import { formatBytes } from '../../core/byteFormat';
import { formatDuration } from '../../core/durationFormat';
import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { bytes, epochMillis, millis } from '../../core/units';
import type { AllocAnalysisId } from '../analysisIds';
import { describeSite, MS_PER_HOUR, type LeakGrowth, type SiteGrowth } from '../leakGrowth';
import { boundedCacheFix, WEAK_PTR_BACK_REFERENCES, WEAK_PTR_IN_LAMBDAS } from '../suggestedFixes';

/** A shorter log tells how much grew, not an hourly rate (extrapolated, a 134 ms test run "grew 3.1 GiB/h"). */
const SHORT_WINDOW_MS = 60_000;

/**
 * A growing log is a finding when the growth is steady (R² ≥ 0.5): a spike is not a leak.
 * `cycleSites` maps site keys to the leak report of the same case that showed them in an
 * ownership cycle, so that the fix names the cycle instead of guessing.
 */
export function leakGrowthFinding(growth: LeakGrowth, source: string, cycleSites: ReadonlyMap<string, string> = new Map()): FindingOf<AllocAnalysisId> | undefined {
  if (growth.bytesPerHour <= 0 || growth.r2 < 0.5 || growth.timesMs.length < 4) return undefined;
  const top = growth.sites.filter((s) => s.bytesPerHour > 0).sort((a, b) => b.bytesPerHour - a.bytesPerHour).slice(0, 3);
  const last = growth.totalLiveBytes[growth.totalLiveBytes.length - 1] ?? 0;
  const grown = Math.max(0, last - (growth.totalLiveBytes[0] ?? 0));
  const over = formatDuration(growth.observedMs);
  // Less than a minute of a test run says how much it kept, not what an hour of service would: the
  // rate and the time to the limit stay out of the title, the severity and the report's arithmetic.
  const short = growth.observedMs < SHORT_WINDOW_MS;
  const hours = short ? undefined : growth.hoursToLimit;
  const limitText = `the ${formatBytes(growth.limitBytes)} memory limit (${growth.limitSource})`;
  const when = hours === undefined ? '' : `; at this rate it reaches ${limitText} in ${formatDuration(hours * MS_PER_HOUR)}`;
  const siteGrowth = (s: SiteGrowth) => (short ? `+${formatBytes(s.liveBytes[s.liveBytes.length - 1] - s.liveBytes[0])} over ${over}` : `${formatBytes(s.bytesPerHour)}/h`);
  const impact: FindingImpact = {
    growth: {
      observations: growth.timesMs.length,
      timeBase: 'allocation-log',
      overMs: millis(growth.observedMs),
      ...(short ? { grownBytes: bytes(grown) } : { bytesPerHour: growth.bytesPerHour }),
      ...(hours !== undefined ? { hoursToLimit: hours } : {}),
    },
  };
  const finding: FindingOf<AllocAnalysisId> = {
    id: 'alloc.growth.0',
    analysis: 'alloc.growth',
    category: 'memory-growth',
    severity: severityOf(impact),
    impact,
    title: short
      ? `Live heap grows steadily by ${formatBytes(grown)} over the ${over} the log covers (R² ${growth.r2.toFixed(2)})`
      : `Live heap grows ${formatBytes(growth.bytesPerHour)}/hour (R² ${growth.r2.toFixed(2)})${when}`,
    detail:
      `Over the ${over} the log covers, the bytes allocated and not yet freed rise steadily to ${formatBytes(last)}. ` +
      `The sites that grow fastest: ${top.map((s) => `${describeSite(s)} (${siteGrowth(s)})`).join('; ')}.` +
      (short
        ? ` Extrapolated, that would be ${formatBytes(growth.bytesPerHour)}/h, but less than a minute of recording cannot tell an hour's rate (start-up, a test's own loop): record for minutes to measure it.`
        : '') +
      (growth.startEpochMs === undefined ? ' The log has no startEpochMs in its meta record, so it cannot be placed on the timeline.' : ''),
    evidence: [
      short
        ? { label: 'grown over the log', value: grown, unit: 'bytes' }
        : { label: 'leak rate', value: Math.round(growth.bytesPerHour), unit: 'bytes/h' },
      { label: 'fit R²', value: Number(growth.r2.toFixed(3)), unit: 'ratio' },
      { label: 'observed window', value: Math.round(growth.observedMs), unit: 'ms' },
      { label: 'live bytes at the end', value: last, unit: 'bytes' },
      { label: `memory limit (${growth.limitSource})`, value: growth.limitBytes, unit: 'bytes' },
      ...(hours === undefined ? [] : [{ label: 'time to the memory limit', value: Math.round(hours * MS_PER_HOUR), unit: 'ms' as const }]),
    ],
    paths: top.map((s) => ({
      label: `growing site ${describeSite(s)}: ${siteGrowth(s)} (R² ${s.r2.toFixed(2)})`,
      steps: s.path,
    })),
    suggestedFix: growthFix(top, cycleSites),
    sources: [source],
  };
  if (growth.startEpochMs !== undefined) {
    finding.window = { startMs: epochMillis(Math.floor(growth.startEpochMs)), endMs: epochMillis(Math.ceil(growth.startEpochMs + growth.observedMs)) };
  }
  return finding;
}

/** The fix for what grows, from what the sites are: cycle members, shared_ptr objects, caches. */
function growthFix(sites: readonly SiteGrowth[], cycleSites: ReadonlyMap<string, string>): string {
  const fixes: string[] = [];
  const inCycle = sites.filter((s) => cycleSites.has(s.key));
  if (inCycle.length) {
    const reports = [...new Set(inCycle.map((s) => cycleSites.get(s.key)))].join(', ');
    fixes.push(`Break the ownership cycle ${reports} shows at ${inCycle.map(describeSite).join(', ')}: ${WEAK_PTR_BACK_REFERENCES}`);
  } else if (sites.some((s) => s.sharedPtr)) {
    const types = [...new Set(sites.filter((s) => s.sharedPtr).map((s) => s.objectType ?? s.label))].join(', ');
    fixes.push(`${types} objects are owned by std::shared_ptr and never released; look for ownership cycles (a LeakSanitizer or Valgrind run of the same build shows them) and ${WEAK_PTR_BACK_REFERENCES}`);
  }
  if (sites.some((s) => s.objectType?.startsWith('std::function holding'))) fixes.push(`A stored lambda grows with them: ${WEAK_PTR_IN_LAMBDAS}`);
  for (const owner of new Set(sites.flatMap((s) => (s.cacheOwner ? [s.cacheOwner] : [])))) fixes.push(boundedCacheFix(owner));
  if (!fixes.length) fixes.push('Bound what grows at the sites listed: evict from caches, unregister listeners and callbacks, and free what the owner no longer needs');
  return `${fixes.join('. ')}.`;
}

