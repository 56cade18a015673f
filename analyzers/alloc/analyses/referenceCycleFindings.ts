import type { FindingOf } from '../../core/analysisContract';
import { formatBytes } from '../../core/byteFormat';
import type { FindingImpact } from '../../core/finding';
import { severityOf } from '../../core/severity';
import { plural } from '../../core/numberFormat';
import type { AllocAnalysisId } from '../analysisIds';
import { foldedStackSteps } from '../foldedStack';
import type { FrameClassifier } from '../frameFolding';
import type { LeakSite } from '../leakSites';
import { ownershipCycleKey, type ReferenceCycle } from '../referenceCycles';
import { CLEAR_ON_REMOVAL, NON_OWNING_DIRECTION, WEAK_PTR_BACK_REFERENCES, WEAK_PTR_IN_LAMBDAS } from '../suggestedFixes';

/**
 * The circular-reference finding; its paths are the members' allocation stacks (library frames
 * folded), taken from the report's sites.
 */
export function referenceCycleFinding(cycle: ReferenceCycle, sites: readonly LeakSite[], classifier: FrameClassifier, source: string, index: number): FindingOf<AllocAnalysisId> {
  const named = cycle.types.slice(0, 3).join(', ') + (cycle.types.length > 3 ? ` and ${cycle.types.length - 3} more` : '');
  const how =
    cycle.signature === 'lsan-indirect-only'
      ? 'LeakSanitizer reports these blocks only as indirect leaks, reachable from other leaked blocks, and no direct leak allocated in the same functions can own them'
      : 'Valgrind reports a clique whose leader was allocated at the same place as the blocks it holds, so the leader is one more member of a loop';
  const fixes = [cycle.viaSharedPtr ? WEAK_PTR_BACK_REFERENCES : NON_OWNING_DIRECTION];
  if (cycle.lambdas.length) fixes.push(WEAK_PTR_IN_LAMBDAS);
  fixes.push(CLEAR_ON_REMOVAL);
  const members = new Set(cycle.siteKeys);
  // What the tool saw is what was lost when the run ended; whether it grows needs a run over time.
  const impact: FindingImpact = { retained: { bytes: cycle.bytes, state: 'leaked-at-exit' } };
  return {
    id: `alloc.reference-cycle.${index}`,
    analysis: 'alloc.reference-cycles',
    category: 'circular-reference',
    severity: severityOf(impact),
    impact,
    // LeakSanitizer and Valgrind (and heaptrack) runs of one program see the same cycle: one problem.
    subject: { key: ownershipCycleKey(cycle), objects: ownershipCycleKey(cycle) },
    // The tool is named because LSan and Valgrind runs of one program often sit in the same case.
    title: `Ownership cycle (${cycle.signature === 'lsan-indirect-only' ? 'LeakSanitizer' : 'Valgrind'}): ${named} keep each other alive (${formatBytes(cycle.bytes)} in ${plural(cycle.blocks, 'block')} leaked)`,
    detail:
      `${how}: the signature of an ownership cycle${cycle.viaSharedPtr ? ' of std::shared_ptr' : ''}. ` +
      `The blocks were allocated in ${cycle.functions.join(', ')}.` +
      (cycle.lambdas.length ? ` ${cycle.lambdas.join(', ')} is among them: a lambda that captured a shared_ptr to the object that stores it.` : ''),
    evidence: [
      { label: 'bytes in the cycle', value: cycle.bytes, unit: 'bytes' },
      { label: 'blocks in the cycle', value: cycle.blocks, unit: 'count' },
      { label: 'types', value: cycle.types.join('; ') },
    ],
    paths: sites
      .filter((site) => members.has(site.key))
      .map((site) => ({
        label: `cycle member ${site.objectType ?? site.key}: ${formatBytes(site.bytes)} in ${plural(site.blocks, 'block')}, allocated at (innermost first)`,
        steps: foldedStackSteps(site.stack, classifier),
      })),
    suggestedFix: `Break the cycle: ${fixes.join('; ')}.`,
    sources: [source],
  };
}
