import type { Finding, FindingImpact } from '../core/finding';
import { severityOf } from '../core/severity';
import { bytes, type Bytes } from '../core/units';
import { formatBytes } from '../core/byteFormat';
import { plural } from '../ingest/lineTally';
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

export function comparisonFinding(c: RunComparison, index: number): Finding {
  const gone = c.sites.filter((s) => s.change === 'disappeared');
  const worse = c.sites.filter((s) => s.change === 'appeared' || s.change === 'grew');
  const delta = c.afterBytes - c.beforeBytes;
  const grown = worse.reduce((sum, s) => sum + Math.max(0, s.deltaBytes), 0);
  const impact: FindingImpact = worse.length ? { growth: { grownBytes: bytes(grown), observations: 2, timeBase: 'none' } } : { improvement: true };
  const describe = (s: SiteComparison) => `${s.change} ${s.objectType ? `${s.objectType} at ` : ''}${s.key} (${s.deltaBytes > 0 ? '+' : ''}${formatBytes(s.deltaBytes)})`;
  return {
    id: `alloc.comparison.${index}`,
    analysis: 'alloc.compare-runs',
    category: 'memory-leak',
    severity: severityOf(impact),
    impact,
    title: `${c.after} vs ${c.before}: leaked memory ${delta <= 0 ? 'down' : 'up'} ${formatBytes(Math.abs(delta))}; ${plural(gone.length, 'site')} gone, ${worse.length} new or grown`,
    detail: `Site by site, ${c.sites.filter((s) => s.change !== 'unchanged').map(describe).slice(0, 6).join('; ') || 'nothing changed'}.`,
    evidence: [
      { label: 'leaked before', value: c.beforeBytes, unit: 'bytes' },
      { label: 'leaked after', value: c.afterBytes, unit: 'bytes' },
      { label: 'sites gone', value: gone.length, unit: 'count' },
      { label: 'sites new or grown', value: worse.length, unit: 'count' },
    ],
    paths: worse.slice(0, 5).map((s) => ({ label: `${s.change} ${s.deltaBytes > 0 ? '+' : ''}${formatBytes(s.deltaBytes)}: ${s.objectType ? `${s.objectType} at ` : ''}${s.key}`, steps: s.path })),
    suggestedFix: worse.length ? 'Look at the sites that appeared or grew: the change introduced or kept them.' : 'The fix removed the leaking sites; keep the comparison as a regression check.',
    sources: c.fromDiff ? [c.after] : [c.before, c.after],
  };
}
