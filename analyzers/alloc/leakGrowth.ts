import { bytes, epochMillis, millis, type Bytes, type EpochMillis, type Millis } from '../core/units';
import type { EventLogArtifact } from './artifact';
import { foldedStackSteps } from './foldedStack';
import type { FrameClassifier } from './frameFolding';
import { shortFrameLabel } from './frameText';
import { recordSite } from './leakSites';
import { linearFit } from '../core/linearFit';
import type { Frame } from '../core/frame';
import { objectTypeFromFrames } from './objectType';
import { allocatedBySharedPtr, cacheOwner } from './suggestedFixes';

export const MS_PER_HOUR = 3_600_000;

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

/** How findings and timeline series name a growing site: its object type, when known, then its frame. */
export const describeSite = (s: Pick<SiteGrowth, 'objectType' | 'label'>) => `${s.objectType ? `${s.objectType} at ` : ''}${s.label}`;
