import { describeSite } from '../alloc/leakGrowth';
import type { LeakTool } from '../alloc/model';
import type { AllocReportView } from '../alloc/view';
import type { CaseResult } from '../case/caseResult';
import type { GateFigure } from '../case/saved/regression';
import { keysToCompare, type KeyedRun } from './figure';

/** A site's share of its run below which it gets no figure of its own (the totals still count it). */
const SITE_MIN_SHARE = 0.01;
const MAX_SITES = 5;

/** What a report's bytes are: an event log ends with what is still live, the others report leaks at exit. */
const bytesWord = (tool: LeakTool) => (tool === 'event-log' ? 'live bytes at the end of the log' : 'bytes reported as leaked');

const siteRun = (r: AllocReportView): KeyedRun => ({ values: new Map(r.sites.map((s) => [s.key, s.bytes])), complete: r.siteCount <= r.sites.length, total: r.totals.bytes });

/** A growing log's sites by their rate; only the biggest sites are kept, so a missing one is unknown, not 0. */
const rateRun = (r: AllocReportView): KeyedRun => {
  const sites = r.growth?.sites ?? [];
  return { values: new Map(sites.map((s) => [s.key, s.bytesPerHour])), complete: false, total: sites.reduce((a, s) => a + Math.max(0, s.bytesPerHour), 0) };
};

/**
 * Allocation reports of the same tool on both sides, each report one run: the bytes leaked (or live
 * at the end of an event log) in all and at each site that matters on either side, and for event
 * logs the leak rate in all and at each site both sides' logs rank. Sites match by their key
 * (`function file:line` of the first application frame), so both builds need the same sources.
 */
export function allocFigures(baseline: CaseResult, candidate: CaseResult): GateFigure[] {
  const b = baseline.views.alloc?.reports ?? [];
  const c = candidate.views.alloc?.reports ?? [];
  const figures: GateFigure[] = [];
  for (const tool of new Set(b.map((r) => r.tool))) {
    const bs = b.filter((r) => r.tool === tool && !r.isDiff);
    const cs = c.filter((r) => r.tool === tool && !r.isDiff);
    if (!bs.length || !cs.length) continue;
    const labels = new Map([...bs, ...cs].flatMap((r) => [...r.sites, ...(r.growth?.sites ?? [])].map((s) => [s.key, describeSite(s)] as const)));
    const base = { capability: 'alloc' as const, better: 'lower' as const, baselineSources: bs.map((r) => r.file), candidateSources: cs.map((r) => r.file) };
    const leak = { ...base, limitKey: 'leak' as const, unit: 'bytes' as const };
    figures.push({ ...leak, id: `alloc.${tool}.leaked`, label: `${tool}: ${bytesWord(tool)}`, baseline: bs.map((r) => r.totals.bytes), candidate: cs.map((r) => r.totals.bytes) });
    for (const s of keysToCompare(bs.map(siteRun), cs.map(siteRun), SITE_MIN_SHARE, MAX_SITES)) {
      figures.push({ ...leak, id: `alloc.${tool}.site.${s.key}`, label: `${tool}: ${bytesWord(tool)} at ${labels.get(s.key) ?? s.key}`, baseline: s.baseline, candidate: s.candidate });
    }
    if (!bs.every((r) => r.growth) || !cs.every((r) => r.growth)) continue;
    const rate = { ...base, limitKey: 'leak-rate' as const, unit: 'bytes/h' as const };
    figures.push({ ...rate, id: `alloc.${tool}.leak-rate`, label: `${tool}: live-bytes growth per hour`, baseline: bs.map((r) => r.growth!.bytesPerHour), candidate: cs.map((r) => r.growth!.bytesPerHour) });
    for (const s of keysToCompare(bs.map(rateRun), cs.map(rateRun), SITE_MIN_SHARE, MAX_SITES)) {
      figures.push({ ...rate, id: `alloc.${tool}.site-rate.${s.key}`, label: `${tool}: growth per hour at ${labels.get(s.key) ?? s.key}`, baseline: s.baseline, candidate: s.candidate });
    }
  }
  return figures;
}
