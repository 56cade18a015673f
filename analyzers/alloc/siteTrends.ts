import { captureTrend, type CaptureTrend } from '../core/captureTrend';
import type { CaptureOrderBasis } from './captureOrder';
import { foldedStackSteps } from './foldedStack';
import type { FrameClassifier } from './frameFolding';
import { shortFrameLabel } from './frameText';
import type { LeakSite } from './leakSites';
import type { LeakTool } from './model';

/** One allocation site over the captures of one process: its bytes, with their trend. */
export interface AllocSiteTrend {
  key: string;
  /** Short form of the user frame, as in the sites table. */
  label: string;
  objectType?: string;
  bytes: CaptureTrend;
  /** The site's allocation stack in the last capture that has it, library frames folded. */
  path: string[];
}

/** Per site, the trend over three or more captures of one process by one tool. */
export interface AllocSiteTrendReport {
  tool: LeakTool;
  /** File names, oldest first. */
  captures: string[];
  orderedBy: CaptureOrderBasis;
  /** The bytes of every site of each capture. */
  totalBytes: number[];
  /** Sites that changed by `MIN_CHANGE_BYTES` or 1 % of the largest capture, most bytes added first. */
  sites: AllocSiteTrend[];
}

const MIN_CHANGE_BYTES = 64 * 1024;
const MIN_CHANGE_SHARE = 0.01;
const MAX_SITES = 20;
/** Tools whose bytes are estimated from samples: a site's figure wobbles by about 1/√samples. */
const SAMPLED: ReadonlySet<LeakTool> = new Set(['v8-heap-profile']);

interface Capture {
  file: string;
  sites: readonly LeakSite[];
}

/**
 * Per allocation site, the trend of its bytes across the captures (oldest first). A sampled profile
 * estimates a site's bytes from its samples, so a site holding its size wobbles by a few percent:
 * for it, a tail counts as held within three standard errors of its samples at its peak.
 */
export function siteTrends(tool: LeakTool, captures: readonly Capture[], orderedBy: CaptureOrderBasis, classifier: FrameClassifier): AllocSiteTrendReport {
  const maps = captures.map((c) => new Map(c.sites.map((s) => [s.key, s])));
  const totalBytes = captures.map((c) => c.sites.reduce((sum, s) => sum + s.bytes, 0));
  const minChange = Math.min(MIN_CHANGE_BYTES, MIN_CHANGE_SHARE * Math.max(0, ...totalBytes));
  const sites: AllocSiteTrend[] = [];
  for (const key of new Set(captures.flatMap((c) => c.sites.map((s) => s.key)))) {
    const present = maps.map((m) => m.get(key));
    const values: number[] = present.map((s) => s?.bytes ?? 0);
    if (Math.max(...values) - Math.min(...values) < Math.max(1, minChange)) continue;
    const last = present.findLast((s) => s !== undefined);
    if (!last) continue;
    const peak = present[values.indexOf(Math.max(...values))];
    const heldShare = SAMPLED.has(tool) && peak && peak.blocks > 0 ? 3 / Math.sqrt(peak.blocks) : 0;
    const trend: AllocSiteTrend = { key, label: shortFrameLabel(last.userFrame), bytes: captureTrend(values, heldShare), path: foldedStackSteps(last.stack, classifier) };
    if (last.objectType) trend.objectType = last.objectType;
    sites.push(trend);
  }
  const added = (t: AllocSiteTrend) => t.bytes.values[t.bytes.values.length - 1] - t.bytes.values[0];
  sites.sort((a, b) => added(b) - added(a) || a.key.localeCompare(b.key));
  return { tool, captures: captures.map((c) => c.file), orderedBy, totalBytes, sites: sites.slice(0, MAX_SITES) };
}
