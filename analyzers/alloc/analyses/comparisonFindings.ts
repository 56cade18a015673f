import type { FindingOf } from '../../core/analysisContract';
import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { bytes } from '../../core/units';
import { formatBytes } from '../../core/byteFormat';
import { groupDigits, plural } from '../../core/numberFormat';
import type { AllocAnalysisId } from '../analysisIds';
import type { RunComparison, SiteComparison } from '../compareRuns';

export function comparisonFinding(c: RunComparison, index: number): FindingOf<AllocAnalysisId> {
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
    title: `${c.after} vs ${c.before}: leaked memory ${delta <= 0 ? 'down' : 'up'} ${formatBytes(Math.abs(delta))}; ${plural(gone.length, 'site')} gone, ${groupDigits(worse.length)} new or grown`,
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
