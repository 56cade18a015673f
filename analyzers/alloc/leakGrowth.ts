import type { Finding } from '../core/finding';
import { bytes, type Bytes, type Millis } from '../core/units';
import type { EventLogArtifact } from './artifact';
import type { FrameClassifier } from './frameFolding';
import { formatBytes } from './byteFormat';
import { recordSite } from './leakSites';
import { linearFit } from './linearFit';
import { objectTypeFromFrames } from './objectType';

const MS_PER_HOUR = 3_600_000;

/** Live bytes over time of one allocation site, with its growth rate. */
export interface SiteGrowth {
  key: string;
  objectType?: string;
  liveBytes: number[];
  finalLiveBytes: Bytes;
  bytesPerHour: number;
  r2: number;
}

/** What an event log says about growth: the live-bytes series and the leak rate. */
export interface LeakGrowth {
  /** Bucket ends, ms since the log's first event; shared by every series. */
  timesMs: Millis[];
  totalLiveBytes: number[];
  /** Slope of the least-squares line through the total live bytes, in bytes per hour. */
  bytesPerHour: number;
  /** How well the line fits (R²); a leak grows steadily, a load spike does not. */
  r2: number;
  observedMs: Millis;
  limitBytes: Bytes;
  /** Hours from the end of the log until the live bytes reach the limit at this rate; undefined if not growing. */
  hoursToLimit?: number;
  /** Sites by final live bytes, the biggest `maxSites`. */
  sites: SiteGrowth[];
}

/**
 * Folds the per-stack series of an event log into per-site series and fits a line through the
 * total. The rate is extrapolated from the observed window, so a short log gives a rough figure:
 * the finding states the window it was measured over.
 */
export function leakGrowth(log: EventLogArtifact, classifier: FrameClassifier, limitBytes: Bytes, maxSites: number): LeakGrowth {
  const timesMs = log.bucketEndsMs;
  const hours = timesMs.map((t) => t / MS_PER_HOUR);
  const bySite = new Map<string, { liveBytes: number[]; objectType?: string }>();
  for (const stack of log.stacks) {
    const record = { kind: 'unfreed' as const, bytes: bytes(0), blocks: 0, frames: stack.frames };
    const { key, index } = recordSite(record, classifier);
    let site = bySite.get(key);
    if (!site) {
      site = { liveBytes: new Array<number>(timesMs.length).fill(0), objectType: objectTypeFromFrames(stack.frames, index) };
      bySite.set(key, site);
    }
    for (let i = 0; i < stack.liveBytesSeries.length; i++) site.liveBytes[i] += stack.liveBytesSeries[i];
  }
  const sites: SiteGrowth[] = [...bySite.entries()]
    .map(([key, s]) => {
      const fit = linearFit(hours, s.liveBytes);
      const growth: SiteGrowth = { key, liveBytes: s.liveBytes, finalLiveBytes: bytes(s.liveBytes[s.liveBytes.length - 1] ?? 0), bytesPerHour: fit.slope, r2: fit.r2 };
      if (s.objectType) growth.objectType = s.objectType;
      return growth;
    })
    .sort((a, b) => b.finalLiveBytes - a.finalLiveBytes || b.bytesPerHour - a.bytesPerHour)
    .slice(0, maxSites);
  const fit = linearFit(hours, log.totalLiveBytesSeries);
  const last = log.totalLiveBytesSeries[log.totalLiveBytesSeries.length - 1] ?? 0;
  const growth: LeakGrowth = {
    timesMs,
    totalLiveBytes: log.totalLiveBytesSeries,
    bytesPerHour: fit.slope,
    r2: fit.r2,
    observedMs: (timesMs[timesMs.length - 1] ?? 0) as Millis,
    limitBytes,
    sites,
  };
  if (fit.slope > 0) growth.hoursToLimit = Math.max(0, (limitBytes - last) / fit.slope);
  return growth;
}

/** A growing log is a finding when the growth is steady (R² ≥ 0.5): a spike is not a leak. */
export function leakGrowthFinding(growth: LeakGrowth, source: string): Finding | undefined {
  if (growth.bytesPerHour <= 0 || growth.r2 < 0.5 || growth.timesMs.length < 4) return undefined;
  const top = growth.sites.filter((s) => s.bytesPerHour > 0).sort((a, b) => b.bytesPerHour - a.bytesPerHour).slice(0, 3);
  const hours = growth.hoursToLimit;
  const severity = hours === undefined ? 'medium' : hours < 24 ? 'critical' : hours < 24 * 7 ? 'high' : 'medium';
  const when = hours === undefined ? '' : `; at this rate it reaches ${formatBytes(growth.limitBytes)} in ${formatHours(hours)}`;
  return {
    id: 'alloc.growth.0',
    analysis: 'alloc.growth',
    category: 'memory-growth',
    severity,
    title: `Live heap grows ${formatBytes(growth.bytesPerHour)}/hour (R² ${growth.r2.toFixed(2)})${when}`,
    detail:
      `Over the ${(growth.observedMs / 1000).toFixed(1)} s the log covers, the bytes allocated and not yet freed rise steadily. ` +
      `The sites that grow fastest: ${top.map((s) => `${s.objectType ? `${s.objectType} at ` : ''}${s.key} (${formatBytes(s.bytesPerHour)}/h)`).join('; ')}. ` +
      'A rate measured over a short window is a rough extrapolation.',
    evidence: [
      { label: 'leak rate', value: Math.round(growth.bytesPerHour), unit: 'bytes/h' },
      { label: 'fit R²', value: Number(growth.r2.toFixed(3)), unit: 'ratio' },
      { label: 'observed window', value: Math.round(growth.observedMs), unit: 'ms' },
      { label: 'memory limit assumed', value: growth.limitBytes, unit: 'bytes' },
      ...(hours === undefined ? [] : [{ label: 'hours until the limit', value: Number(hours.toFixed(2)) }]),
    ],
    paths: top.map((s) => ({ label: `growing site ${s.key}`, steps: [s.key] })),
    suggestedFix: 'Bound what grows: evict from caches (LRU with a size limit), unregister listeners and callbacks, and break ownership cycles at the sites listed.',
    sources: [source],
  };
}

function formatHours(h: number): string {
  if (h < 1) return `${Math.round(h * 60)} minutes`;
  if (h < 48) return `${h.toFixed(1)} hours`;
  return `${(h / 24).toFixed(1)} days`;
}
