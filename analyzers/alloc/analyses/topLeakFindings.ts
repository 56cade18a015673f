import type { FindingOf } from '../../core/analysisContract';
import { formatBytes } from '../../core/byteFormat';
import { formatShare, plural } from '../../core/numberFormat';
import type { FindingImpact, RetainedState } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { frameLabel } from '../../core/frame';
import type { AllocAnalysisId } from '../analysisIds';
import { foldedStackSteps } from '../foldedStack';
import type { FrameClassifier } from '../frameFolding';
import { shortFrameLabel } from '../frameText';
import type { LeakSite } from '../leakSites';
import type { LeakKind, LeakTool } from '../model';
import { allocatedBySharedPtr, boundedCacheFix, cacheOwner, WEAK_PTR_BACK_REFERENCES } from '../suggestedFixes';

const KIND_WORDS: Record<LeakKind, { short: string; long: string }> = {
  direct: { short: 'Leaked', long: 'leaked: no pointer to them was left' },
  indirect: { short: 'Indirectly leaked', long: 'leaked indirectly: only other leaked blocks point to them' },
  possible: { short: 'Possibly leaked', long: 'possibly leaked: only pointers into their middle were left' },
  reachable: { short: 'Still reachable at exit', long: 'still reachable at exit but never freed' },
  unfreed: { short: 'Never freed', long: 'never freed by the end of the run (still in use or lost: the tool cannot tell, so one run shows what was held, not a leak)' },
  live: { short: 'In use', long: 'in use when the profile was taken' },
};

const EXIT_STATE: Record<LeakKind, RetainedState> = {
  direct: 'leaked-at-exit',
  indirect: 'leaked-at-exit',
  possible: 'leaked-at-exit',
  reachable: 'reachable-at-exit',
  unfreed: 'unfreed-at-exit',
  live: 'live',
};

/** Sites smaller than this share of the report's bytes do not get a finding of their own. */
const MIN_SHARE = 0.02;

/**
 * One finding per biggest site, skipping the sites already explained by a cycle finding. A site
 * that is only reachable or unfreed (a cache, a singleton) ranks lower than a real leak.
 */
export function topLeakFindings(
  tool: LeakTool,
  sites: readonly LeakSite[],
  classifier: FrameClassifier,
  source: string,
  skipKeys: ReadonlySet<string>,
  max: number,
): FindingOf<AllocAnalysisId>[] {
  const findings: FindingOf<AllocAnalysisId>[] = [];
  for (const site of sites) {
    if (findings.length >= max) break;
    if (skipKeys.has(site.key) || site.bytes <= 0 || site.share < MIN_SHARE) continue;
    const mainKind = (Object.entries(site.byKind) as [LeakKind, { bytes: number }][]).sort((a, b) => b[1].bytes - a[1].bytes)[0][0];
    const impact: FindingImpact = { retained: { bytes: site.bytes, share: site.share, state: EXIT_STATE[mainKind] } };
    findings.push({
      id: `alloc.top-leak.${tool}.${findings.length}`,
      analysis: 'alloc.top-leaks',
      category: 'memory-leak',
      severity: severityOf(impact),
      impact,
      subject: { key: `native.leak-site:${site.key}` },
      title: `${KIND_WORDS[mainKind].short} at ${shortFrameLabel(site.userFrame)}: ${formatBytes(site.bytes)} in ${plural(site.blocks, 'block')} (${site.objectType ? `${site.objectType}, ` : ''}${formatShare(site.share)})`,
      detail:
        `${plural(site.bytes, 'byte')} in ${plural(site.blocks, 'block')}${site.objectType ? ` of ${site.objectType}` : ''} allocated at ${frameLabel(site.userFrame)} were ${KIND_WORDS[mainKind].long}` +
        (site.userFrameIndex > 0 ? `; the ${plural(site.userFrameIndex, 'allocator and library frame')} above it are folded.` : '.'),
      evidence: [
        { label: 'bytes', value: site.bytes, unit: 'bytes' },
        { label: 'blocks', value: site.blocks, unit: 'count' },
        // Not rounded: the outputs round it as formatPercent does, so a sliver reads `<0.1 %`, not `0.0 %`.
        { label: 'share of the report', value: site.share * 100, unit: '%' },
        ...(Object.entries(site.byKind) as [LeakKind, { bytes: number }][]).map(([kind, t]) => ({ label: `${kind} bytes`, value: t.bytes, unit: 'bytes' as const })),
      ],
      paths: [{ label: 'allocation stack (innermost first, library frames folded)', steps: foldedStackSteps(site.stack, classifier) }],
      suggestedFix: fixFor(mainKind, site),
      sources: [source],
    });
  }
  return findings;
}

function fixFor(kind: LeakKind, site: LeakSite): string {
  if (kind === 'direct') return 'Give the allocation an owner: a std::unique_ptr or a container member instead of a raw new/malloc whose pointer is dropped.';
  if (kind === 'indirect') return 'Free the object that owns these blocks; if none does, look for an ownership cycle.';
  if (kind === 'possible') return 'Check pointer arithmetic or tagged pointers that hide the block start; otherwise treat it as a leak.';
  // Still reachable or never freed: memory something keeps, a cache or an owner that never lets go.
  const cache = cacheOwner(site.userFrame, site.objectType);
  if (cache) return `${boundedCacheFix(cache)}.`;
  if (allocatedBySharedPtr(site.stack)) {
    return `${site.objectType ?? 'These'} objects are owned by std::shared_ptr and were never released: look for ownership cycles (LeakSanitizer or Valgrind on the same build report them as indirect leaks) and ${WEAK_PTR_BACK_REFERENCES}.`;
  }
  return 'If this memory grows while the program runs (a registry, a list of listeners), bound it: evict old entries or unregister when the owner goes away.';
}
