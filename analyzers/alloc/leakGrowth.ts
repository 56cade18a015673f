import type { Finding, FindingImpact } from '../core/finding';
import { severityOf } from '../core/severity';
import { bytes, epochMillis, millis, type Bytes, type EpochMillis, type Millis } from '../core/units';
import type { EventLogArtifact } from './artifact';
import { formatBytes } from '../core/byteFormat';
import { foldedStackSteps } from './foldedStack';
import type { FrameClassifier } from './frameFolding';
import { shortFrameLabel } from './frameText';
import { recordSite } from './leakSites';
import { linearFit } from '../core/linearFit';
import type { Frame } from './model';
import { objectTypeFromFrames } from './objectType';
import { allocatedBySharedPtr, boundedCacheFix, cacheOwner, WEAK_PTR_BACK_REFERENCES, WEAK_PTR_IN_LAMBDAS } from './suggestedFixes';
import { formatDuration } from '../core/durationFormat';

const MS_PER_HOUR = 3_600_000;
/** Shorter logs give a rate extrapolated too far to call the ETA critical on its own. */
const SHORT_WINDOW_MS = 60_000;

/** Live bytes over time of one allocation site, with its growth rate. */
export interface SiteGrowth {
  key: string;
  /** Short form of the user frame, for titles and chart legends. */
  label: string;
  objectType?: string;
  liveBytes: number[];
  finalLiveBytes: Bytes;
  bytesPerHour: number;
  r2: number;
  /** The allocation stack of the site's biggest stack, library frames folded (innermost first). */
  path: string[];
  /** Allocated by std::make_shared: objects whose lifetime shared_ptr owners decide. */
  sharedPtr: boolean;
  /** The cache the site fills (`ProfileCache`), when its code says it is one. */
  cacheOwner?: string;
}

/** Where the memory limit the ETA aims at came from. */
export type MemoryLimitSource = 'case option' | 'event log' | 'default';

/** What an event log says about growth: the live-bytes series and the leak rate. */
export interface LeakGrowth {
  /** Bucket ends, ms since the log's first event; shared by every series. */
  timesMs: Millis[];
  totalLiveBytes: number[];
  /** Wall-clock time of the first event (timesMs 0), when the log's meta record gives startEpochMs. */
  startEpochMs?: EpochMillis;
  /** Slope of the least-squares line through the total live bytes, in bytes per hour. */
  bytesPerHour: number;
  /** How well the line fits (R²); a leak grows steadily, a load spike does not. */
  r2: number;
  observedMs: Millis;
  limitBytes: Bytes;
  limitSource: MemoryLimitSource;
  /** Hours from the end of the log until the live bytes reach the limit at this rate; undefined if not growing. */
  hoursToLimit?: number;
  /** When the limit is reached on the wall clock, when the log is anchored. */
  limitReachedAtMs?: EpochMillis;
  /** Sites by final live bytes, the biggest `maxSites`. */
  sites: SiteGrowth[];
}

/**
 * Folds the per-stack series of an event log into per-site series and fits a line through the
 * total. The rate is extrapolated from the observed window, so a short log gives a rough figure:
 * the finding states the window it was measured over.
 */
export function leakGrowth(
  log: EventLogArtifact,
  classifier: FrameClassifier,
  limit: { bytes: Bytes; source: MemoryLimitSource },
  maxSites: number,
): LeakGrowth {
  const timesMs = log.bucketEndsMs;
  const hours = timesMs.map((t) => t / MS_PER_HOUR);
  const bySite = new Map<string, { liveBytes: number[]; frames: Frame[]; userFrameIndex: number; biggest: number }>();
  for (const stack of log.stacks) {
    const { key, index } = recordSite(stack.frames, classifier);
    const final = stack.liveBytesSeries[stack.liveBytesSeries.length - 1] ?? 0;
    let site = bySite.get(key);
    if (!site) {
      site = { liveBytes: new Array<number>(timesMs.length).fill(0), frames: stack.frames, userFrameIndex: index, biggest: final };
      bySite.set(key, site);
    } else if (final > site.biggest) {
      Object.assign(site, { frames: stack.frames, userFrameIndex: index, biggest: final });
    }
    for (let i = 0; i < stack.liveBytesSeries.length; i++) site.liveBytes[i] += stack.liveBytesSeries[i];
  }
  // Rank on the numbers first: a log can have thousands of stacks, only `maxSites` are described.
  const ranked = [...bySite.entries()]
    .map(([key, s]) => ({ key, s, fit: linearFit(hours, s.liveBytes), finalLiveBytes: s.liveBytes[s.liveBytes.length - 1] ?? 0 }))
    .sort((a, b) => b.finalLiveBytes - a.finalLiveBytes || b.fit.slope - a.fit.slope)
    .slice(0, maxSites);
  const sites = ranked.map(({ key, s, fit, finalLiveBytes }) => {
    const userFrame = s.frames[s.userFrameIndex] ?? {};
    const objectType = objectTypeFromFrames(s.frames, s.userFrameIndex);
    const cache = cacheOwner(userFrame, objectType);
    const growth: SiteGrowth = {
      key,
      label: shortFrameLabel(userFrame),
      liveBytes: s.liveBytes,
      finalLiveBytes: bytes(finalLiveBytes),
      bytesPerHour: fit.slope,
      r2: fit.r2,
      path: foldedStackSteps(s.frames, classifier),
      sharedPtr: allocatedBySharedPtr(s.frames),
    };
    if (objectType) growth.objectType = objectType;
    if (cache) growth.cacheOwner = cache;
    return growth;
  });
  const fit = linearFit(hours, log.totalLiveBytesSeries);
  const last = log.totalLiveBytesSeries[log.totalLiveBytesSeries.length - 1] ?? 0;
  const observedMs = millis(timesMs[timesMs.length - 1] ?? 0);
  const growth: LeakGrowth = {
    timesMs,
    totalLiveBytes: log.totalLiveBytesSeries,
    bytesPerHour: fit.slope,
    r2: fit.r2,
    observedMs,
    limitBytes: limit.bytes,
    limitSource: limit.source,
    sites,
  };
  if (log.startEpochMs !== undefined) growth.startEpochMs = epochMillis(log.startEpochMs + log.firstEventMs);
  if (fit.slope > 0) {
    growth.hoursToLimit = Math.max(0, (limit.bytes - last) / fit.slope);
    if (growth.startEpochMs !== undefined) growth.limitReachedAtMs = epochMillis(growth.startEpochMs + observedMs + growth.hoursToLimit * MS_PER_HOUR);
  }
  return growth;
}

/**
 * A growing log is a finding when the growth is steady (R² ≥ 0.5): a spike is not a leak.
 * `cycleSites` maps site keys to the leak report of the same case that showed them in an
 * ownership cycle, so that the fix names the cycle instead of guessing.
 */
export function leakGrowthFinding(growth: LeakGrowth, source: string, cycleSites: ReadonlyMap<string, string> = new Map()): Finding | undefined {
  if (growth.bytesPerHour <= 0 || growth.r2 < 0.5 || growth.timesMs.length < 4) return undefined;
  const top = growth.sites.filter((s) => s.bytesPerHour > 0).sort((a, b) => b.bytesPerHour - a.bytesPerHour).slice(0, 3);
  const hours = growth.hoursToLimit;
  const limitText = `the ${formatBytes(growth.limitBytes)} memory limit (${growth.limitSource})`;
  const when = hours === undefined ? '' : `; at this rate it reaches ${limitText} in ${formatDuration(hours * MS_PER_HOUR)}`;
  const last = growth.totalLiveBytes[growth.totalLiveBytes.length - 1] ?? 0;
  const impact: FindingImpact = {
    growth: {
      observations: growth.timesMs.length,
      timeBase: 'allocation-log',
      overMs: millis(growth.observedMs),
      bytesPerHour: growth.bytesPerHour,
      // Extrapolated from less than a minute, the time to the limit is too rough to call it critical.
      ...(hours !== undefined && growth.observedMs >= SHORT_WINDOW_MS ? { hoursToLimit: hours } : {}),
    },
  };
  const finding: Finding = {
    id: 'alloc.growth.0',
    analysis: 'alloc.growth',
    category: 'memory-growth',
    severity: severityOf(impact),
    impact,
    title: `Live heap grows ${formatBytes(growth.bytesPerHour)}/hour (R² ${growth.r2.toFixed(2)})${when}`,
    detail:
      `Over the ${formatDuration(growth.observedMs)} the log covers, the bytes allocated and not yet freed rise steadily to ${formatBytes(last)}. ` +
      `The sites that grow fastest: ${top.map((s) => `${describeSite(s)} (${formatBytes(s.bytesPerHour)}/h)`).join('; ')}.` +
      (growth.observedMs < SHORT_WINDOW_MS ? ' The rate is extrapolated from less than a minute, so the time to the limit is a rough figure.' : '') +
      (growth.startEpochMs === undefined ? ' The log has no startEpochMs in its meta record, so it cannot be placed on the timeline.' : ''),
    evidence: [
      { label: 'leak rate', value: Math.round(growth.bytesPerHour), unit: 'bytes/h' },
      { label: 'fit R²', value: Number(growth.r2.toFixed(3)), unit: 'ratio' },
      { label: 'observed window', value: Math.round(growth.observedMs), unit: 'ms' },
      { label: 'live bytes at the end', value: last, unit: 'bytes' },
      { label: `memory limit (${growth.limitSource})`, value: growth.limitBytes, unit: 'bytes' },
      ...(hours === undefined ? [] : [{ label: 'time to the memory limit', value: Math.round(hours * MS_PER_HOUR), unit: 'ms' as const }]),
    ],
    paths: top.map((s) => ({
      label: `growing site ${describeSite(s)}: ${formatBytes(s.bytesPerHour)}/h (R² ${s.r2.toFixed(2)})`,
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

/** How findings and timeline series name a growing site: its object type, when known, then its frame. */
export const describeSite = (s: SiteGrowth) => `${s.objectType ? `${s.objectType} at ` : ''}${s.label}`;
