import type { FlameGraph } from '../core/flameGraph';
import { bytes, type Bytes } from '../core/units';
import { foldedStackSteps } from './foldedStack';
import type { FrameClassifier } from './frameFolding';
import type { LeakSite } from './leakSites';

export type SiteChange = 'disappeared' | 'appeared' | 'grew' | 'shrank' | 'unchanged';

export interface SiteComparison {
  key: string;
  objectType?: string;
  beforeBytes: Bytes;
  afterBytes: Bytes;
  deltaBytes: Bytes;
  beforeBlocks: number;
  afterBlocks: number;
  change: SiteChange;
  /** The site's allocation stack (the later run's when it has the site), library frames folded. */
  path: string[];
}

/** Two runs of the same program (before/after a fix) compared site by site. */
export interface RunComparison {
  before: string;
  after: string;
  beforeBytes: Bytes;
  afterBytes: Bytes;
  /** heaptrack_print -d: one file that holds the differences; `before` names the base run only. */
  fromDiff: boolean;
  /** Biggest change first. */
  sites: SiteComparison[];
  /** Both runs' leaked bytes by stack, merged frame by frame (not for a heaptrack -d diff). */
  flame?: FlameGraph;
}

/** Compares the leak sites of two runs; sites match by key (`fn file:line`), so both runs need the same sources. */
export function compareRuns(
  before: { file: string; sites: readonly LeakSite[] },
  after: { file: string; sites: readonly LeakSite[] },
  classifier: FrameClassifier,
): RunComparison {
  const keys = new Set([...before.sites.map((s) => s.key), ...after.sites.map((s) => s.key)]);
  const b = new Map(before.sites.map((s) => [s.key, s]));
  const a = new Map(after.sites.map((s) => [s.key, s]));
  const sites: SiteComparison[] = [...keys].map((key) => {
    const was = b.get(key);
    const now = a.get(key);
    const beforeBytes = was?.bytes ?? 0;
    const afterBytes = now?.bytes ?? 0;
    const change: SiteChange = !now ? 'disappeared' : !was ? 'appeared' : afterBytes > beforeBytes ? 'grew' : afterBytes < beforeBytes ? 'shrank' : 'unchanged';
    const row: SiteComparison = {
      key,
      beforeBytes: bytes(beforeBytes),
      afterBytes: bytes(afterBytes),
      deltaBytes: bytes(afterBytes - beforeBytes),
      beforeBlocks: was?.blocks ?? 0,
      afterBlocks: now?.blocks ?? 0,
      change,
      path: foldedStackSteps((now ?? was)?.stack ?? [], classifier),
    };
    const objectType = now?.objectType ?? was?.objectType;
    if (objectType) row.objectType = objectType;
    return row;
  });
  sites.sort((x, y) => Math.abs(y.deltaBytes) - Math.abs(x.deltaBytes));
  const sum = (list: readonly LeakSite[]) => bytes(list.reduce((s, x) => s + x.bytes, 0));
  return { before: before.file, after: after.file, beforeBytes: sum(before.sites), afterBytes: sum(after.sites), fromDiff: false, sites };
}

/**
 * heaptrack_print -d already holds the differences: a site's bytes are after minus before, so
 * only the direction is known, not whether the site exists in both runs.
 */
export function comparisonFromDiff(file: string, sites: readonly LeakSite[], classifier: FrameClassifier): RunComparison {
  const rows: SiteComparison[] = sites.map((s) => {
    const row: SiteComparison = {
      key: s.key,
      beforeBytes: bytes(0),
      afterBytes: bytes(0),
      deltaBytes: s.bytes,
      beforeBlocks: 0,
      afterBlocks: 0,
      change: s.bytes > 0 ? 'grew' : s.bytes < 0 ? 'shrank' : 'unchanged',
      path: foldedStackSteps(s.stack, classifier),
    };
    if (s.objectType) row.objectType = s.objectType;
    return row;
  });
  const delta = bytes(sites.reduce((sum, s) => sum + s.bytes, 0));
  return { before: `base run of ${file} (heaptrack_print -d)`, after: file, beforeBytes: bytes(0), afterBytes: delta, fromDiff: true, sites: rows };
}
